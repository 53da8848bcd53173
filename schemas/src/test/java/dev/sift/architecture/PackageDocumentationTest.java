package dev.sift.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A drift guard on the repository's layout: every Java package of every module's main code says what it holds in a
 * {@code package-info.java}, so that the folder tree reads as the architecture (docs/architecture.md).
 *
 * <p>It lives in {@code schemas}, the first module of the build, because it reads source files only: it needs no
 * dependency on the modules it checks, and a package added anywhere fails the build early.
 */
class PackageDocumentationTest {

    private static final Path MAIN_SOURCES = Path.of("src", "main", "java");

    @Test
    void shouldDocumentEveryMainPackageWithAPackageInfo() throws IOException {
        // Given every main source folder of the repository
        Path repository = repositoryRoot();
        List<Path> sourceRoots = mainSourceRoots(repository);
        assertThat(sourceRoots).as("main source folders under %s", repository).isNotEmpty();

        // When its packages holding Java code are listed
        TreeSet<String> undocumented = new TreeSet<>();
        for (Path sourceRoot : sourceRoots) {
            for (Path packageDir : javaPackages(sourceRoot)) {
                String problem = problemOf(packageDir.resolve("package-info.java"));
                if (problem != null) {
                    undocumented.add(repository.relativize(sourceRoot).getName(0) + ": "
                            + packageName(sourceRoot, packageDir) + " " + problem);
                }
            }
        }

        // Then each has a package-info.java with a javadoc comment
        assertThat(undocumented)
                .as("packages without a package-info.java saying what they hold and where the neighbouring"
                        + " responsibility lives")
                .isEmpty();
    }

    /** Walks up from the working directory (a module's base directory under Maven) to the aggregator pom. */
    private static Path repositoryRoot() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            Path pom = candidate.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.readString(pom, StandardCharsets.UTF_8).contains("<modules>")) {
                return candidate;
            }
        }
        throw new IllegalStateException("no aggregator pom.xml above " + dir);
    }

    private static List<Path> mainSourceRoots(Path repository) throws IOException {
        List<Path> roots = new ArrayList<>();
        Files.walkFileTree(repository, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(repository) && (name.startsWith(".") || name.equals("target")
                        || name.equals("node_modules"))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (dir.endsWith(MAIN_SOURCES)) {
                    roots.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return roots;
    }

    /** The folders under a source root that hold at least one Java type (a package-info.java alone does not count). */
    private static List<Path> javaPackages(Path sourceRoot) throws IOException {
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".java"))
                    .filter(file -> !file.getFileName().toString().equals("package-info.java"))
                    .map(Path::getParent)
                    .distinct()
                    .toList();
        }
    }

    private static String problemOf(Path packageInfo) throws IOException {
        if (!Files.isRegularFile(packageInfo)) {
            return "has no package-info.java";
        }
        if (!Files.readString(packageInfo, StandardCharsets.UTF_8).contains("/**")) {
            return "has a package-info.java without a javadoc comment";
        }
        return null;
    }

    private static String packageName(Path sourceRoot, Path packageDir) {
        return sourceRoot.relativize(packageDir).toString().replace(packageDir.getFileSystem().getSeparator(), ".");
    }
}
