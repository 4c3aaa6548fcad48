package org.wildex.contracts.receipt;

import java.util.UUID;
import org.wildex.contracts.Tlp;

/** One line of a receipt: which recipient got which level and how many fields were withheld from it. */
public record ReceiptDelivery(String recipient, Tlp level, int withheldCount, UUID deliveryId) {}
