"""A photo as drawn on the page: scaled down to the pixels its printed size needs."""

from __future__ import annotations

from ..content.pictures import PHOTO_DPI, Picture, drawn
from ..flowables import Flowable


class PhotoFlowable(Flowable):
    """A photo ``width`` by ``height`` points, drawn with at most :data:`PHOTO_DPI` pixels per
    inch of that size: a photo loaded for the widest page is scaled down to the column it
    prints in."""

    def __init__(self, picture: Picture, width: float, height: float) -> None:
        super().__init__()
        self.picture, self.width, self.height = picture, width, height

    def draw(self) -> None:
        """Draw the photo, scaled down first if it has more pixels than its size needs."""
        wanted = round(self.width / 72 * PHOTO_DPI)
        self.canv.drawImage(drawn(self.picture, wanted), 0, 0, self.width, self.height)
