"""The web page: a sheet's validated content as one self-contained, accessible HTML file."""
