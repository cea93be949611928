"""Graphics: charts (``charts``, drawn from the numbers with their labels set by the text
engine through ``lettering``, mirrored for a right-to-left page by ``mirroring``) and the QR
code (``qr``), as ReportLab drawings; a photo (``photo``) scaled to the pixels it prints at."""
