package io.watchfloor.protocol.netflow;

import java.nio.ByteBuffer;

/** Walks the data records of one data set with its template; shared by v9 and IPFIX. */
final class TemplateRecords {

  /** RFC 7011 §7: a variable-length field's length byte 255 announces a 2-byte length. */
  private static final int LONG_LENGTH_MARKER = 255;

  private TemplateRecords() {}

  /**
   * Reads the record at {@code at} into {@code fields} (after resetting them) and returns where the
   * next one starts.
   *
   * @throws NetflowDecodeException when the record runs past {@code end}
   */
  static int read(ByteBuffer b, int at, int end, Template template, FlowFields fields) {
    fields.reset();
    int position = at;
    for (int i = 0; i < template.lengths.length; i++) {
      int length = template.lengths[i];
      if (length == Template.VARIABLE_LENGTH) {
        if (position >= end) {
          throw overrun(template, i, position, 1, end);
        }
        length = b.get(position++) & 0xff;
        if (length == LONG_LENGTH_MARKER) {
          if (end - position < 2) {
            throw overrun(template, i, position, 2, end);
          }
          length = b.getShort(position) & 0xffff;
          position += 2;
        }
      }
      if (end - position < length) {
        throw overrun(template, i, position, length, end);
      }
      int element = template.elements[i];
      if (element != Template.ENTERPRISE_ELEMENT && length > 0) {
        fields.read(b, position, element, length);
      }
      position += length;
    }
    return position;
  }

  private static NetflowDecodeException overrun(Template template, int field, int position,
      int length, int end) {
    return new NetflowDecodeException("data record for template " + template.id + ": field "
        + field + " needs " + length + " bytes at offset " + position + ", only " + (end - position)
        + " remain in the set");
  }
}
