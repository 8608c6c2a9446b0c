package org.postwarden.bench.smtp;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The plain profile's conf: a shipped smtpserver.xml or mailetcontainer.xml with every Postwarden handler, mailet
 * and matcher taken out, and the mailets that used a composite matcher built on one of ours. What is left is James'
 * own pipeline; the run stops if anything of ours remains.
 */
final class WithoutPostwarden {
    private static final String OURS = "org.postwarden.";

    private WithoutPostwarden() {
    }

    static String of(String xml) {
        try {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Set<String> removedMatchers = new HashSet<>();
            for (Element matcher : elements(document, "matcher")) {
                if (matcher.hasAttribute("name") && mentionsUs(matcher)) {
                    removedMatchers.add(matcher.getAttribute("name"));
                    remove(matcher);
                }
            }
            for (Element element : elements(document, "handler", "mailet")) {
                if (element.getAttribute("class").startsWith(OURS) || removedMatchers.contains(element.getAttribute("match"))) {
                    remove(element);
                }
            }
            if (mentionsUs(document.getDocumentElement())) {
                throw new IllegalStateException("the plain profile still has a Postwarden element: the shipped conf changed shape");
            }
            StringWriter out = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the plain profile's conf: " + e.getMessage(), e);
        }
    }

    private static List<Element> elements(Document document, String... names) {
        List<Element> found = new ArrayList<>();
        for (String name : names) {
            NodeList nodes = document.getElementsByTagName(name);
            for (int i = 0; i < nodes.getLength(); i++) {
                found.add((Element) nodes.item(i));
            }
        }
        return found;
    }

    private static boolean mentionsUs(Element element) {
        if (element.getAttribute("class").startsWith(OURS) || element.getAttribute("match").contains(OURS)) {
            return true;
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement && mentionsUs(childElement)) {
                return true;
            }
        }
        return false;
    }

    private static void remove(Element element) {
        if (element.getParentNode() != null) {
            element.getParentNode().removeChild(element);
        }
    }
}
