"""Words that introduce a reference number (order, case, ticket, invoice, customer, policy, ...)
in the four languages: a number right after one is not personal data and stays readable."""
from __future__ import annotations

import re

from meeluister.redaction.base import words

REFERENCE_WORDS = (
    # nl
    "ordernummer", "bestelnummer", "bestelling", "order", "zaaknummer", "zaak", "dossiernummer", "dossier",
    "factuurnummer", "factuur", "klantnummer", "ticketnummer", "ticket", "referentienummer", "referentie",
    "kenmerk", "polisnummer", "contractnummer", "meldingnummer", "meldingsnummer", "aanvraagnummer",
    "pakketnummer", "trackingnummer", "track en trace", "artikelnummer", "registratienummer",
    "volgnummer", "transactienummer", "betalingskenmerk",
    # en
    "order number", "case number", "case", "ticket number", "invoice number", "invoice", "reference",
    "reference number", "ref", "customer number", "account number", "policy number", "tracking number",
    "booking number", "confirmation number", "claim number", "parcel",
    # fr
    "numéro de commande", "commande", "numéro de dossier", "numéro de facture", "facture", "référence",
    "numéro client", "numéro de client", "numéro de ticket", "numéro de suivi", "colis",
    # es
    "número de pedido", "pedido", "número de caso", "caso", "expediente", "número de expediente", "factura",
    "número de factura", "referencia", "número de cliente", "número de seguimiento", "paquete",
)
REFERENCE = re.compile(r"(?<!\w)(?:" + words(REFERENCE_WORDS) + r")(?!\w)", re.IGNORECASE)
