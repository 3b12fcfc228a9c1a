package io.consoul.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The Pulumi project directory: the one holding {@code Pulumi.yaml}, from the working directory upwards. */
public final class ProjectDir {
    private ProjectDir() {
    }

    /** The given directory when set (it must hold Pulumi.yaml), else the nearest one above the working directory. */
    public static Path resolve(Path given) {
        if (given != null) {
            if (!Files.isRegularFile(given.resolve("Pulumi.yaml"))) {
                throw new CliFailure("no Pulumi.yaml in " + given.toAbsolutePath());
            }
            return given.toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("Pulumi.yaml"))) {
                return dir;
            }
        }
        throw new CliFailure("no Pulumi.yaml in " + Path.of("").toAbsolutePath()
                + " or above: run from the repository or pass --project-dir");
    }

    /** {@code Pulumi.<stack>.yaml} in the project directory, which must exist. */
    public static Path stackFile(Path projectDir, String stack) {
        Path file = projectDir.resolve("Pulumi." + stack + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new CliFailure("no stack file " + file.getFileName() + " in " + projectDir);
        }
        return file;
    }
}
