package io.sandboxpipeline.emulator.internal.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IocExtractorTest {

    @Test
    void shouldFindTheIocTypesOfTheCapturedReports() {
        Iocs iocs = IocExtractor.extract("""
                Activation: contact ActivationDepartment@FedRetireSoftware.com or visit http://www.FedRetireSoftware.com/activate.
                CLSID {1E453EA8-BB42-419D-8067-D2477A36B761} under
                HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run and HKCU\\Software\\Evil;
                beacon to 209.182.199.110
                """);

        assertThat(iocs.emails()).containsExactly("ActivationDepartment@FedRetireSoftware.com");
        assertThat(iocs.uuids()).containsExactly("1E453EA8-BB42-419D-8067-D2477A36B761");
        assertThat(iocs.registryPaths()).containsExactly(
                "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run", "HKCU\\Software\\Evil");
        assertThat(iocs.urls()).containsExactly("http://www.FedRetireSoftware.com/activate");
        assertThat(iocs.ips()).containsExactly("209.182.199.110");
    }

    @Test
    void shouldFindNothingInPlainProse() {
        Iocs iocs = IocExtractor.extract("quarterly numbers, nothing to see here");

        assertThat(iocs.emails()).isEmpty();
        assertThat(iocs.uuids()).isEmpty();
        assertThat(iocs.registryPaths()).isEmpty();
    }
}
