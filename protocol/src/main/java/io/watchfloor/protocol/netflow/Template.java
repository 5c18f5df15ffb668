package io.watchfloor.protocol.netflow;

import java.util.Arrays;

/**
 * A (options) template: the element id and length of each field of its data records. Element id
 * {@link #ENTERPRISE_ELEMENT} marks an enterprise-specific field, which the decoders skip.
 */
final class Template {

  /** RFC 7011 §7: a field length of 65535 means the data record carries the length. */
  static final int VARIABLE_LENGTH = 0xffff;
  static final int ENTERPRISE_ELEMENT = -1;

  final int id;
  final int[] elements;
  final int[] lengths;
  final boolean options;
  /** Bytes of the shortest possible data record (a variable-length field takes at least one). */
  final int minRecordLength;

  Template(int id, int[] elements, int[] lengths, boolean options) {
    this.id = id;
    this.elements = elements;
    this.lengths = lengths;
    this.options = options;
    int min = 0;
    for (int length : lengths) {
      min += length == VARIABLE_LENGTH ? 1 : length;
    }
    if (min == 0) {
      throw new NetflowDecodeException("template " + id + " describes an empty data record: "
          + lengths.length + " fields, all of length 0");
    }
    this.minRecordLength = min;
  }

  @Override
  public String toString() {
    return "Template[" + id + ", elements=" + Arrays.toString(elements) + ", lengths="
        + Arrays.toString(lengths) + (options ? ", options" : "") + "]";
  }
}
