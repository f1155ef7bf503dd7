package dev.stratus.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.core.Version;

/**
 * What the kit puts on an app's class path: no Jackson of its own next to jsii's (a newer
 * jackson-databind beside jsii's jackson-core is what an app got before), and a readable failure
 * when an app's build mixes Jackson versions anyway.
 */
class KitDependenciesTest {

    @Test
    void theKitDeclaresNoJacksonThatWouldReachAnAppsClassPath() throws Exception {
        Path pom = Path.of(System.getProperty("stratus.root", "..")).resolve("test/pom.xml");
        NodeList dependencies = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile())
                .getElementsByTagName("dependency");
        List<String> reaching = new ArrayList<>();
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            String group = text(dependency, "groupId");
            String scope = text(dependency, "scope");
            if (group.startsWith("com.fasterxml.jackson") && !scope.equals("provided") && !scope.equals("test")) {
                reaching.add(group + ":" + text(dependency, "artifactId") + " (" + (scope.isEmpty() ? "compile" : scope) + ")");
            }
        }
        assertEquals(List.of(), reaching, "Jackson the kit would add to an app's runtime class path");
    }

    @Test
    void theJacksonOnTheClassPathIsOneVersion() {
        TemplateSnapshot.checkJackson(com.fasterxml.jackson.core.json.PackageVersion.VERSION,
                com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);
    }

    @Test
    void failsWhenJacksonCoreAndDatabindDisagree() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TemplateSnapshot.checkJackson(
                new Version(2, 20, 1, null, "com.fasterxml.jackson.core", "jackson-core"),
                new Version(2, 22, 4, null, "com.fasterxml.jackson.core", "jackson-databind")));
        assertEquals("jackson-core 2.20.1 and jackson-databind 2.22.4 are on the class path together; jsii's runtime (aws-cdk-lib) "
                + "and this kit need one Jackson: align them, e.g. with com.fasterxml.jackson:jackson-bom at jsii-runtime's version",
                e.getMessage());
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
