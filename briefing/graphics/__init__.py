"""Graphics: charts (``charts``, drawn from the numbers with their labels set by the text
engine through ``lettering``) and the QR code (``qr``), as ReportLab drawings."""
