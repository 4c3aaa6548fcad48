package org.wildex.contracts.pkg;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Null-tolerant immutable copies used by the record constructors: absent lists and maps become empty. */
final class Lists {
  private Lists() {}

  static <T> List<T> of(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** A sorted copy, so the same package always serialises to the same bytes. */
  static <V> SortedMap<String, V> of(Map<String, V> map) {
    return map == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(map));
  }
}
