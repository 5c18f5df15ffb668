package io.watchfloor.protocol.netflow;

/**
 * The information elements the decoders read (IANA "IPFIX Information Elements"; NetFlow v9 uses
 * the same numbers, RFC 3954 §8, for 1–79). Any other element is skipped by its length.
 */
public final class InformationElements {

  public static final int OCTET_DELTA_COUNT = 1;
  public static final int PACKET_DELTA_COUNT = 2;
  public static final int PROTOCOL_IDENTIFIER = 4;
  public static final int TCP_CONTROL_BITS = 6;
  public static final int SOURCE_TRANSPORT_PORT = 7;
  public static final int SOURCE_IPV4_ADDRESS = 8;
  public static final int DESTINATION_TRANSPORT_PORT = 11;
  public static final int DESTINATION_IPV4_ADDRESS = 12;
  /** v9 LAST_SWITCHED, IPFIX flowEndSysUpTime: milliseconds of exporter uptime. */
  public static final int FLOW_END_SYS_UP_TIME = 21;
  /** v9 FIRST_SWITCHED, IPFIX flowStartSysUpTime: milliseconds of exporter uptime. */
  public static final int FLOW_START_SYS_UP_TIME = 22;
  public static final int SOURCE_IPV6_ADDRESS = 27;
  public static final int DESTINATION_IPV6_ADDRESS = 28;
  public static final int VLAN_ID = 58;
  public static final int OCTET_TOTAL_COUNT = 85;
  public static final int PACKET_TOTAL_COUNT = 86;
  public static final int FLOW_START_SECONDS = 150;
  public static final int FLOW_END_SECONDS = 151;
  public static final int FLOW_START_MILLISECONDS = 152;
  public static final int FLOW_END_MILLISECONDS = 153;
  /** dateTimeMicroseconds: NTP format, RFC 7011 §6.1.9. */
  public static final int FLOW_START_MICROSECONDS = 154;
  public static final int FLOW_END_MICROSECONDS = 155;
  /** dateTimeNanoseconds: NTP format, RFC 7011 §6.1.10. */
  public static final int FLOW_START_NANOSECONDS = 156;
  public static final int FLOW_END_NANOSECONDS = 157;
  /** The epoch millisecond the uptime clock of IEs 21/22 counts from; sent in options data. */
  public static final int SYSTEM_INIT_TIME_MILLISECONDS = 160;

  private InformationElements() {}
}
