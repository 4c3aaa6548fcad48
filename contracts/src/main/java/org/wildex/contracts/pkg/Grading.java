package org.wildex.contracts.pkg;

/** Intelligence grade with its scale named ({@code admiralty} A-F/1-6, {@code uk-3x5x2} 1-3/A-E/P|C). */
public record Grading(String scale, String source, String information, String handling, String conditions) {}
