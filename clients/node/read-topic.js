'use strict';
// Reads a sandbox-pipeline topic from its start to its current end with kafkajs (no codec plugin: the output topics
// are gzip-compressed, which kafkajs decodes itself) and prints one JSON line per record:
// {"topic", "partition", "offset", "key", "value"}. Avro values (Confluent wire format) are decoded through the schema
// registry; the JSON mirror (sandbox.verdicts-json) is parsed as JSON. The pipeline writes its topics in transactions,
// so a partition's end offset may be a commit marker no consumer ever sees: reading also ends once nothing new arrived
// for --idle-ms (default 5000) after joining the group.
//
//   node read-topic.js --brokers 127.0.0.1:9092 --registry http://127.0.0.1:8081 --topic sandbox.verdicts
const { Kafka } = require('kafkajs');
const { SchemaRegistry } = require('@kafkajs/confluent-schema-registry');
const { options, kafkaConfig, fail } = require('./common');

async function decode(registry, value) {
  if (value === null) {
    return null;
  }
  if (value.length > 5 && value[0] === 0) {
    return registry.decode(value);
  }
  return JSON.parse(value.toString('utf8'));
}

async function main() {
  const opts = options(process.argv, ['brokers', 'registry', 'topic']);
  const registry = new SchemaRegistry({ host: opts.registry });
  const kafka = new Kafka(kafkaConfig(opts.brokers, 'node-reader'));
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(opts.topic);
  await admin.disconnect();
  const remaining = new Map(ends.filter((p) => Number(p.high) > Number(p.low)).map((p) => [p.partition, Number(p.high)]));
  if (remaining.size === 0) {
    return;
  }
  const idleMs = Number(opts['idle-ms'] || 5000);
  const consumer = kafka.consumer({ groupId: `node-reader-${process.pid}-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: opts.topic, fromBeginning: true });
  await new Promise((resolve, reject) => {
    let idle = null;
    const rearm = () => {
      clearTimeout(idle);
      idle = setTimeout(resolve, idleMs);
    };
    consumer.on(consumer.events.GROUP_JOIN, rearm);
    consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        rearm();
        const value = await decode(registry, message.value);
        const key = message.key === null ? null : message.key.toString('utf8');
        process.stdout.write(`${JSON.stringify({ topic, partition, offset: message.offset, key, value },
          (k, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
        if (Number(message.offset) + 1 >= remaining.get(partition)) {
          remaining.delete(partition);
        }
        if (remaining.size === 0) {
          clearTimeout(idle);
          resolve();
        }
      },
    }).catch(reject);
  });
  await consumer.disconnect();
}

main().catch(fail);
