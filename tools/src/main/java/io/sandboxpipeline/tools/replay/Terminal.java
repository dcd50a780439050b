package io.sandboxpipeline.tools.replay;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the output is a terminal a progress bar can redraw itself on. */
final class Terminal {

    private Terminal() {
    }

    static boolean stdoutIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // Java 22+ returns a console even when output is redirected, and tells the difference with isTerminal()
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console));
        } catch (NoSuchMethodException olderJava) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
