package io.sandboxpipeline.emulator.internal.archive;

import io.sandboxpipeline.emulator.internal.content.ContentInspector;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.ZipException;

/**
 * Looks inside a ZIP upload. Password handling (the emulator's documented choice): ZipCrypto-encrypted members are
 * really decrypted with the {@code password} form field, so a wrong or missing password gives
 * {@code INVALID_PASSWORD} exactly like the Sandbox; AES-encrypted members (method 99) are not supported and give
 * {@code ARCHIVE_ENCRYPTED}. Nested archives are not unpacked (a ZIP member is scanned as one file).
 */
public final class ArchiveInspector {

    public static final String INVALID_PASSWORD = "INVALID_PASSWORD";
    public static final String ARCHIVE_ENCRYPTED = "ARCHIVE_ENCRYPTED";
    /** At most this many members get a report; the rest of a bigger archive is ignored. */
    public static final int MAX_MEMBERS = 1000;

    private ArchiveInspector() {
    }

    public static ArchiveInspection inspect(Path zipFile, Optional<String> password) throws IOException {
        try (ZipArchive zip = ZipArchive.open(zipFile)) {
            List<ZipMember> members = zip.members().subList(0, Math.min(zip.members().size(), MAX_MEMBERS));
            if (members.stream().anyMatch(member -> member.encrypted() && member.method() == ZipMember.AES)) {
                return new ArchiveInspection.Rejected(ARCHIVE_ENCRYPTED);
            }
            byte[] secret = password.map(text -> text.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0]);
            List<ArchiveInspection.Member> inspected = new ArrayList<>();
            for (ZipMember member : members) {
                Optional<ArchiveInspection.Member> result = inspectMember(zip, member, secret);
                if (result.isEmpty()) {
                    return new ArchiveInspection.Rejected(INVALID_PASSWORD);
                }
                inspected.add(result.get());
            }
            return new ArchiveInspection.Members(inspected);
        } catch (ZipException notAZip) {
            return new ArchiveInspection.NotAnArchive();
        }
    }

    /** The member's findings; empty when the password does not open it. */
    private static Optional<ArchiveInspection.Member> inspectMember(ZipArchive zip, ZipMember member, byte[] secret)
            throws IOException {
        try (InputStream plain = zip.open(member, secret);
             CheckedInputStream checked = new CheckedInputStream(plain, new CRC32())) {
            ContentInspector inspector = new ContentInspector().updateAll(checked);
            if (member.encrypted() && checked.getChecksum().getValue() != member.crc()) {
                return Optional.empty();
            }
            return Optional.of(new ArchiveInspection.Member(member.name(), inspector.finish()));
        } catch (InvalidPasswordException wrongPassword) {
            return Optional.empty();
        } catch (ZipException | EOFException corrupt) {
            if (member.encrypted()) {
                // A wrong password passes the one-byte check 1 time in 256 and then yields garbage.
                return Optional.empty();
            }
            throw new ZipException("corrupt ZIP member " + member.name() + ": " + corrupt.getMessage());
        }
    }
}
