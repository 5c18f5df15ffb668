package io.watchfloor.protocol.netflow;

import io.watchfloor.protocol.flow.FlowRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * NetFlow version 9 (RFC 3954): a 20-byte header, then FlowSets. FlowSet id 0 carries templates,
 * id 1 options templates, ids from 256 data records of the template with that id. Templates are
 * remembered per exporter and source id in the {@link TemplateCache}.
 */
public final class NetflowV9Decoder {

  public static final int VERSION = 9;
  /** RFC 3954 §5.1. */
  public static final int HEADER_LENGTH = 20;
  /** RFC 3954 §5.2: FlowSet id and length. */
  public static final int FLOWSET_HEADER_LENGTH = 4;
  public static final int TEMPLATE_FLOWSET_ID = 0;
  public static final int OPTIONS_TEMPLATE_FLOWSET_ID = 1;
  /** RFC 3954 §5.2: ids 0–255 are reserved for template FlowSets. */
  public static final int MIN_DATA_FLOWSET_ID = 256;
  /** Template id and field count. */
  public static final int TEMPLATE_HEADER_LENGTH = 4;
  /** Template id, option scope length, option length (RFC 3954 §6.1). */
  public static final int OPTIONS_TEMPLATE_HEADER_LENGTH = 6;
  /** Field type and field length. */
  public static final int FIELD_SPECIFIER_LENGTH = 4;
  public static final String ORIGIN = "netflow9";

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final TemplateCache templates;

  public NetflowV9Decoder(TemplateCache templates) {
    this.templates = templates;
  }

  /**
   * Decodes one datagram, from its position to its limit; the buffer is not modified.
   *
   * @param exporter the exporter's address: part of the template key, kept as {@code observer.ip}
   * @throws NetflowDecodeException when the bytes are not a v9 datagram
   */
  public DecodeResult decode(ByteBuffer datagram, String exporter) {
    ByteBuffer b = datagram.slice();
    int end = b.remaining();
    if (end < HEADER_LENGTH) {
      throw new NetflowDecodeException("NetFlow v9 header needs " + HEADER_LENGTH
          + " bytes, datagram has " + end);
    }
    int version = b.getShort(0) & 0xffff;
    if (version != VERSION) {
      throw new NetflowDecodeException("expected NetFlow version 9, found " + version);
    }
    long sysUptime = b.getInt(4) & 0xffff_ffffL;
    long exportNanos = (b.getInt(8) & 0xffff_ffffL) * NANOS_PER_SECOND;
    long sourceId = b.getInt(16) & 0xffff_ffffL;
    FlowFields.UptimeBase clock = FlowFields.UptimeBase.ofExport(sysUptime, exportNanos);
    List<FlowRecord> flows = new ArrayList<>();
    FlowFields fields = new FlowFields();
    int unknown = 0;
    int at = HEADER_LENGTH;
    // fewer bytes than a FlowSet header at the end are padding
    while (end - at >= FLOWSET_HEADER_LENGTH) {
      int id = b.getShort(at) & 0xffff;
      int length = b.getShort(at + 2) & 0xffff;
      if (length < FLOWSET_HEADER_LENGTH) {
        throw new NetflowDecodeException("FlowSet " + id + " at offset " + at + " has length "
            + length + ", shorter than its " + FLOWSET_HEADER_LENGTH + "-byte header");
      }
      if (length > end - at) {
        throw new NetflowDecodeException("FlowSet " + id + " at offset " + at + " has length "
            + length + ", only " + (end - at) + " bytes remain in the datagram");
      }
      int body = at + FLOWSET_HEADER_LENGTH;
      int setEnd = at + length;
      if (id == TEMPLATE_FLOWSET_ID) {
        readTemplates(b, body, setEnd, exporter, sourceId);
      } else if (id == OPTIONS_TEMPLATE_FLOWSET_ID) {
        readOptionsTemplates(b, body, setEnd, exporter, sourceId);
      } else if (id >= MIN_DATA_FLOWSET_ID) {
        Template template = templates.get(exporter, sourceId, id);
        if (template == null) {
          unknown++;
        } else {
          readData(b, body, setEnd, template, fields, flows, exporter, clock, exportNanos);
        }
      }
      // ids 2-255 are reserved: skipped by length
      at = setEnd;
    }
    return new DecodeResult(flows, unknown, null);
  }

  private void readTemplates(ByteBuffer b, int at, int end, String exporter, long sourceId) {
    while (end - at >= TEMPLATE_HEADER_LENGTH) {
      int templateId = b.getShort(at) & 0xffff;
      int fieldCount = b.getShort(at + 2) & 0xffff;
      at += TEMPLATE_HEADER_LENGTH;
      checkTemplateId(templateId);
      if (fieldCount == 0) {
        throw new NetflowDecodeException("template " + templateId + " declares no fields");
      }
      at = readFields(b, at, end, templateId, fieldCount, exporter, sourceId, false);
    }
  }

  private void readOptionsTemplates(ByteBuffer b, int at, int end, String exporter,
      long sourceId) {
    while (end - at >= OPTIONS_TEMPLATE_HEADER_LENGTH) {
      int templateId = b.getShort(at) & 0xffff;
      int scopeLength = b.getShort(at + 2) & 0xffff;
      int optionLength = b.getShort(at + 4) & 0xffff;
      at += OPTIONS_TEMPLATE_HEADER_LENGTH;
      checkTemplateId(templateId);
      if (scopeLength % FIELD_SPECIFIER_LENGTH != 0 || optionLength % FIELD_SPECIFIER_LENGTH != 0) {
        throw new NetflowDecodeException("options template " + templateId + ": scope length "
            + scopeLength + " and option length " + optionLength + " must be multiples of "
            + FIELD_SPECIFIER_LENGTH);
      }
      int fieldCount = (scopeLength + optionLength) / FIELD_SPECIFIER_LENGTH;
      if (fieldCount == 0) {
        throw new NetflowDecodeException("options template " + templateId + " declares no fields");
      }
      at = readFields(b, at, end, templateId, fieldCount, exporter, sourceId, true);
    }
  }

  private int readFields(ByteBuffer b, int at, int end, int templateId, int fieldCount,
      String exporter, long sourceId, boolean options) {
    long needed = (long) fieldCount * FIELD_SPECIFIER_LENGTH;
    if (needed > end - at) {
      throw new NetflowDecodeException("template " + templateId + " declares " + fieldCount
          + " fields (" + needed + " bytes), only " + (end - at) + " bytes remain in the FlowSet");
    }
    int[] elements = new int[fieldCount];
    int[] lengths = new int[fieldCount];
    for (int i = 0; i < fieldCount; i++) {
      elements[i] = b.getShort(at) & 0xffff;
      lengths[i] = b.getShort(at + 2) & 0xffff;
      if (lengths[i] == Template.VARIABLE_LENGTH) {
        throw new NetflowDecodeException("template " + templateId + ": field " + i
            + " has length 65535; NetFlow v9 has no variable-length fields");
      }
      at += FIELD_SPECIFIER_LENGTH;
    }
    templates.put(exporter, sourceId, new Template(templateId, elements, lengths, options));
    return at;
  }

  private static void checkTemplateId(int templateId) {
    if (templateId < MIN_DATA_FLOWSET_ID) {
      throw new NetflowDecodeException("template id " + templateId + " is reserved; data "
          + "templates are numbered from " + MIN_DATA_FLOWSET_ID);
    }
  }

  private static void readData(ByteBuffer b, int at, int end, Template template,
      FlowFields fields, List<FlowRecord> flows, String exporter, FlowFields.UptimeBase clock,
      long exportNanos) {
    // fewer bytes than one record at the end are padding (RFC 3954 §5.3)
    while (end - at >= template.minRecordLength) {
      at = TemplateRecords.read(b, at, end, template, fields);
      if (!template.options) {
        FlowRecord flow = fields.toFlow(ORIGIN, exporter, clock, exportNanos);
        if (flow != null) {
          flows.add(flow);
        }
      }
    }
  }
}
