"""What changes with the content's language: hyphenation, fixed labels, dates, the PDF tag."""

from __future__ import annotations

import datetime
from typing import NamedTuple


class Language(NamedTuple):
    """The words and codes the page uses for one language."""

    tag: str  # BCP 47, for the PDF's /Lang
    hyphenation: str  # pyphen's dictionary name
    months: tuple[str, ...]
    updated: str  # the date line, with {day} {month} {year}
    glance: str
    contacts: str
    online: str

    def date_line(self, date: datetime.date) -> str:
        """The 'updated' line for ``date``."""
        month = self.months[date.month - 1]
        return self.updated.format(day=date.day, month=month, year=date.year)


LANGUAGES = {
    "en": Language(
        "en-US",
        "en_US",
        (
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ),
        "Updated {month} {day}, {year}",
        "At a glance",
        "Contacts",
        "Read it online",
    ),
    "fr": Language(
        "fr-FR",
        "fr_FR",
        (
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ),
        "Mis à jour le {day} {month} {year}",
        "En bref",
        "Contacts",
        "Lire en ligne",
    ),
    "es": Language(
        "es-ES",
        "es",
        (
            "enero",
            "febrero",
            "marzo",
            "abril",
            "mayo",
            "junio",
            "julio",
            "agosto",
            "septiembre",
            "octubre",
            "noviembre",
            "diciembre",
        ),
        "Actualizado el {day} de {month} de {year}",
        "De un vistazo",
        "Contactos",
        "Leer en línea",
    ),
    "pt": Language(
        "pt-PT",
        "pt_PT",
        (
            "janeiro",
            "fevereiro",
            "março",
            "abril",
            "maio",
            "junho",
            "julho",
            "agosto",
            "setembro",
            "outubro",
            "novembro",
            "dezembro",
        ),
        "Atualizado em {day} de {month} de {year}",
        "Em resumo",
        "Contactos",
        "Ler online",
    ),
}
