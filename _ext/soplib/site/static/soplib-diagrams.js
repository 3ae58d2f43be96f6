// Diagrams: rendered by Mermaid from the site, over http and file://.
