"""The commands on top of the pipeline: the command line (``cli``), ``watch`` and the live
preview (``live``), bulk builds (``bulk``) and books of sheets (``book``)."""
