package io.sandboxpipeline.core.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * State stores for processor tests that count how they are read: the entries their iterators hand out and the
 * single-key reads. A punctuation whose work must not grow with a backlog is checked by what it reads, not by a clock.
 */
public final class CountingStores {

    /** What one store was asked for. */
    public static final class Reads {
        private final AtomicLong entries = new AtomicLong();
        private final AtomicLong gets = new AtomicLong();
        private final AtomicLong scans = new AtomicLong();

        /** Entries handed out by the store's iterators since the last {@link #reset()}. */
        public long entries() {
            return entries.get();
        }

        /** Single-key reads ({@code get}) since the last {@link #reset()}. */
        public long gets() {
            return gets.get();
        }

        /** Scans started ({@code range}, {@code all}, {@code prefixScan}: each a seek in RocksDB) since the last {@link #reset()}. */
        public long scans() {
            return scans.get();
        }

        public void reset() {
            entries.set(0);
            gets.set(0);
            scans.set(0);
        }
    }

    private CountingStores() {
    }

    /** An in-memory store, without a changelog, initialised against the context. */
    public static <K, V> KeyValueStore<K, V> inMemory(MockProcessorContext<?, ?> context, String name, Serde<K> keys, Serde<V> values) {
        KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    /** The store, counting its reads into {@code reads}. */
    @SuppressWarnings("unchecked")
    public static <K, V> KeyValueStore<K, V> counting(KeyValueStore<K, V> store, Reads reads) {
        return (KeyValueStore<K, V>) Proxy.newProxyInstance(CountingStores.class.getClassLoader(),
                new Class<?>[] {KeyValueStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get")) {
                        reads.gets.incrementAndGet();
                    }
                    Object result = invoke(store, method, args);
                    if (result instanceof KeyValueIterator<?, ?> iterator) {
                        reads.scans.incrementAndGet();
                        return countingIterator(iterator, reads.entries);
                    }
                    return result;
                });
    }

    private static Object countingIterator(KeyValueIterator<?, ?> iterator, AtomicLong entries) {
        return Proxy.newProxyInstance(CountingStores.class.getClassLoader(), new Class<?>[] {KeyValueIterator.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("next")) {
                        entries.incrementAndGet();
                    }
                    return invoke(iterator, method, args);
                });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
