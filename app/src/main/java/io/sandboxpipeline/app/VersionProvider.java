package io.sandboxpipeline.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven recorded in the jar ({@code META-INF/maven/.../pom.properties}) and the Java running it. */
final class VersionProvider implements IVersionProvider {

    private static final String POM_PROPERTIES = "/META-INF/maven/io.sandboxpipeline/app/pom.properties";

    @Override
    public String[] getVersion() throws IOException {
        return new String[] {
            "sandbox-pipeline " + projectVersion(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }

    private static String projectVersion() throws IOException {
        try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                return "(development build, not packaged)";
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "(unknown version)");
        }
    }
}
