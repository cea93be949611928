"""The PDF stage: a laid-out page in, tagged PDF bytes (PDF/UA-1, PDF/A-2a) out (``writer``),
and a PNG of them (``png``)."""
