package io.watchfloor.protocol.netflow;

import io.watchfloor.protocol.flow.FlowRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * IPFIX (RFC 7011, information elements RFC 7012): a 16-byte message header, then Sets. Set id 2
 * carries templates, 3 options templates, ids from 256 data records. Fields may be
 * enterprise-specific (skipped) or variable-length (RFC 7011 §7). Templates are remembered per
 * exporter and observation domain in the {@link TemplateCache}; a template record with no fields
 * withdraws its template (§8.1).
 *
 * <p>Uptime-relative times (IEs 21/22) are placed with the domain's systemInitTimeMilliseconds
 * (IE 160), which exporters such as softflowd send as options data. Until it has been seen, such
 * records carry the message's export time.
 */
public final class IpfixDecoder {

  public static final int VERSION = 10;
  /** RFC 7011 §3.1. */
  public static final int HEADER_LENGTH = 16;
  /** RFC 7011 §3.3.2: Set id and length. */
  public static final int SET_HEADER_LENGTH = 4;
  public static final int TEMPLATE_SET_ID = 2;
  public static final int OPTIONS_TEMPLATE_SET_ID = 3;
  /** RFC 7011 §3.3.2: 0–1 unused, 4–255 reserved. */
  public static final int MIN_DATA_SET_ID = 256;
  /** Template id and field count. */
  public static final int TEMPLATE_HEADER_LENGTH = 4;
  /** Template id, field count, scope field count. */
  public static final int OPTIONS_TEMPLATE_HEADER_LENGTH = 6;
  /** Element id and field length; an enterprise number follows when the id's top bit is set. */
  public static final int FIELD_SPECIFIER_LENGTH = 4;
  public static final int ENTERPRISE_NUMBER_LENGTH = 4;
  public static final String ORIGIN = "ipfix";

  private static final int ENTERPRISE_BIT = 0x8000;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final TemplateCache templates;

  public IpfixDecoder(TemplateCache templates) {
    this.templates = templates;
  }

  /**
   * Decodes one message, from the buffer's position; the buffer is not modified.
   *
   * @param exporter the exporter's address: part of the template key, kept as {@code observer.ip}
   * @throws NetflowDecodeException when the bytes are not an IPFIX message
   */
  public DecodeResult decode(ByteBuffer datagram, String exporter) {
    ByteBuffer b = datagram.slice();
    int available = b.remaining();
    if (available < HEADER_LENGTH) {
      throw new NetflowDecodeException("IPFIX header needs " + HEADER_LENGTH
          + " bytes, datagram has " + available);
    }
    int version = b.getShort(0) & 0xffff;
    if (version != VERSION) {
      throw new NetflowDecodeException("expected IPFIX version 10, found " + version);
    }
    int end = b.getShort(2) & 0xffff;
    if (end < HEADER_LENGTH || end > available) {
      throw new NetflowDecodeException("IPFIX message length " + end + " must be between "
          + HEADER_LENGTH + " and the datagram's " + available + " bytes");
    }
    long exportNanos = (b.getInt(4) & 0xffff_ffffL) * NANOS_PER_SECOND;
    long domain = b.getInt(12) & 0xffff_ffffL;
    List<FlowRecord> flows = new ArrayList<>();
    FlowFields fields = new FlowFields();
    int unknown = 0;
    int at = HEADER_LENGTH;
    while (at < end) {
      if (end - at < SET_HEADER_LENGTH) {
        throw new NetflowDecodeException("IPFIX message ends with " + (end - at)
            + " bytes, too few for a " + SET_HEADER_LENGTH + "-byte Set header");
      }
      int id = b.getShort(at) & 0xffff;
      int length = b.getShort(at + 2) & 0xffff;
      if (length < SET_HEADER_LENGTH) {
        throw new NetflowDecodeException("Set " + id + " at offset " + at + " has length "
            + length + ", shorter than its " + SET_HEADER_LENGTH + "-byte header");
      }
      if (length > end - at) {
        throw new NetflowDecodeException("Set " + id + " at offset " + at + " has length "
            + length + ", only " + (end - at) + " bytes remain in the message");
      }
      int body = at + SET_HEADER_LENGTH;
      int setEnd = at + length;
      if (id == TEMPLATE_SET_ID || id == OPTIONS_TEMPLATE_SET_ID) {
        readTemplates(b, body, setEnd, exporter, domain, id == OPTIONS_TEMPLATE_SET_ID);
      } else if (id >= MIN_DATA_SET_ID) {
        Template template = templates.get(exporter, domain, id);
        if (template == null) {
          unknown++;
        } else {
          readData(b, body, setEnd, template, fields, flows, exporter, domain, exportNanos);
        }
      }
      // ids 0-1 and 4-255 are reserved: skipped by length
      at = setEnd;
    }
    return new DecodeResult(flows, unknown, null);
  }

  private void readTemplates(ByteBuffer b, int at, int end, String exporter, long domain,
      boolean options) {
    int headerLength = options ? OPTIONS_TEMPLATE_HEADER_LENGTH : TEMPLATE_HEADER_LENGTH;
    while (end - at >= TEMPLATE_HEADER_LENGTH) {
      int templateId = b.getShort(at) & 0xffff;
      int fieldCount = b.getShort(at + 2) & 0xffff;
      if (templateId == 0 && fieldCount == 0 && allZero(b, at, end)) {
        break; // padding (RFC 7011 §3.3.1)
      }
      if (templateId < MIN_DATA_SET_ID) {
        throw new NetflowDecodeException("template id " + templateId + " is reserved; data "
            + "templates are numbered from " + MIN_DATA_SET_ID);
      }
      if (fieldCount == 0) {
        templates.withdraw(exporter, domain, templateId);
        at += TEMPLATE_HEADER_LENGTH;
        continue;
      }
      if (end - at < headerLength) {
        throw new NetflowDecodeException("options template " + templateId + " header needs "
            + headerLength + " bytes, " + (end - at) + " remain in the Set");
      }
      if (options) {
        int scopeCount = b.getShort(at + 4) & 0xffff;
        if (scopeCount == 0 || scopeCount > fieldCount) {
          throw new NetflowDecodeException("options template " + templateId + " has scope field "
              + "count " + scopeCount + ", expected 1 to its field count " + fieldCount);
        }
      }
      at = readFields(b, at + headerLength, end, templateId, fieldCount, exporter, domain,
          options);
    }
  }

  private int readFields(ByteBuffer b, int at, int end, int templateId, int fieldCount,
      String exporter, long domain, boolean options) {
    long needed = (long) fieldCount * FIELD_SPECIFIER_LENGTH;
    if (needed > end - at) {
      throw new NetflowDecodeException("template " + templateId + " declares " + fieldCount
          + " fields (at least " + needed + " bytes), only " + (end - at)
          + " bytes remain in the Set");
    }
    int[] elements = new int[fieldCount];
    int[] lengths = new int[fieldCount];
    for (int i = 0; i < fieldCount; i++) {
      if (end - at < FIELD_SPECIFIER_LENGTH) {
        throw new NetflowDecodeException("template " + templateId + ": field specifier " + i
            + " needs " + FIELD_SPECIFIER_LENGTH + " bytes, " + (end - at) + " remain");
      }
      int element = b.getShort(at) & 0xffff;
      lengths[i] = b.getShort(at + 2) & 0xffff;
      at += FIELD_SPECIFIER_LENGTH;
      if ((element & ENTERPRISE_BIT) != 0) {
        if (end - at < ENTERPRISE_NUMBER_LENGTH) {
          throw new NetflowDecodeException("template " + templateId + ": enterprise field " + i
              + " needs a " + ENTERPRISE_NUMBER_LENGTH + "-byte enterprise number, "
              + (end - at) + " bytes remain");
        }
        at += ENTERPRISE_NUMBER_LENGTH;
        elements[i] = Template.ENTERPRISE_ELEMENT;
      } else {
        elements[i] = element;
      }
    }
    templates.put(exporter, domain, new Template(templateId, elements, lengths, options));
    return at;
  }

  private void readData(ByteBuffer b, int at, int end, Template template, FlowFields fields,
      List<FlowRecord> flows, String exporter, long domain, long exportNanos) {
    long initMillis = templates.systemInitMillis(exporter, domain);
    FlowFields.UptimeBase clock =
        initMillis == Long.MIN_VALUE ? null : FlowFields.UptimeBase.ofSystemInit(initMillis);
    // fewer bytes than one record at the end are padding (RFC 7011 §3.3.1)
    while (end - at >= template.minRecordLength) {
      at = TemplateRecords.read(b, at, end, template, fields);
      if (template.options) {
        if (fields.hasSystemInitMillis()) {
          templates.systemInitMillis(exporter, domain, fields.systemInitMillis);
        }
      } else {
        FlowRecord flow = fields.toFlow(ORIGIN, exporter, clock, exportNanos);
        if (flow != null) {
          flows.add(flow);
        }
      }
    }
  }

  private static boolean allZero(ByteBuffer b, int at, int end) {
    for (int i = at; i < end; i++) {
      if (b.get(i) != 0) {
        return false;
      }
    }
    return true;
  }
}
