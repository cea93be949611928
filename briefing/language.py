"""What changes with the content's language: hyphenation, fixed labels, dates, the PDF tag."""

from __future__ import annotations

import datetime
from typing import NamedTuple
from urllib.parse import unquote


class Language(NamedTuple):
    """The words and codes the page uses for one language."""

    tag: str  # BCP 47, for the PDF's /Lang
    hyphenation: str  # pyphen's dictionary name
    months: tuple[str, ...]
    updated: str  # the date line, with {day} {month} {year}
    glance: str
    contacts: str
    online: str
    contents: str  # a book's contents page
    page_ref: str  # a link to a page, with {title} {number}
    link_to: str  # a link's description, with {target}
    mail_to: str  # a mailto link's description, with {address}
    qr_code: str  # the QR code's alternate text, with {url}
    book: str  # a book's title, unless given
    sheets: tuple[str, str]  # how many sheets a book holds, with {count}: one, and more
    source: str  # a chart's or table's source line, with {source}
    charts: tuple[str, str, str]  # what a bar, horizontal bar and line chart are called
    unit: str  # a chart's unit in its alternate text, with {unit}
    separators: tuple[str, str]  # decimal, thousands
    millions: str = "{number}M"  # a chart's value in millions
    punctuation: tuple[str, str] = (": ", "; ")  # a colon and a semicolon, in running text

    def count_sheets(self, count: int) -> str:
        """How many sheets a book holds: ``1 briefing``, ``5 briefings``."""
        return self.sheets[count != 1].format(count=count)

    def date_line(self, date: datetime.date) -> str:
        """The 'updated' line for ``date``."""
        month = self.months[date.month - 1]
        return self.updated.format(day=date.day, month=month, year=date.year)

    def describe_link(self, uri: str) -> str:
        """What a link to ``uri`` does, for its annotation's ``Contents``."""
        if uri.startswith("mailto:"):
            return self.mail_to.format(address=unquote(uri.removeprefix("mailto:")))
        return self.link_to.format(target=uri)

    def describe_page(self, title: str, number: int) -> str:
        """What a link to page ``number``, showing ``title``, leads to."""
        return self.page_ref.format(title=title, number=number)

    def qr_alt(self, url: str) -> str:
        """The alternate text of the QR code of ``url``."""
        return self.qr_code.format(url=url)


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
        "Contents",
        "{title}, page {number}",
        "Link to {target}",
        "Email {address}",
        "QR code linking to {url}",
        "Briefing Book",
        ("{count} briefing", "{count} briefings"),
        "Source: {source}",
        ("Bar chart", "Horizontal bar chart", "Line chart"),
        "in {unit}",
        (".", ","),
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
        "Sommaire",
        "{title}, page {number}",
        "Lien vers {target}",
        "Écrire à {address}",
        "Code QR menant à {url}",
        "Dossier d’information",
        ("{count} fiche", "{count} fiches"),
        "Source\u00a0: {source}",  # a no-break space before the colon, as French sets it
        ("Graphique à barres", "Graphique à barres horizontales", "Graphique linéaire"),
        "en {unit}",
        (",", "\u202f"),
        "{number}\u202fM",
        ("\u00a0: ", "\u202f; "),
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
        "Índice",
        "{title}, página {number}",
        "Enlace a {target}",
        "Escribir a {address}",
        "Código QR que enlaza a {url}",
        "Carpeta informativa",
        ("{count} ficha", "{count} fichas"),
        "Fuente: {source}",
        ("Gráfico de barras", "Gráfico de barras horizontales", "Gráfico de líneas"),
        "en {unit}",
        (",", "."),
        "{number}\u00a0M",
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
        "Índice",
        "{title}, página {number}",
        "Ligação para {target}",
        "Escrever para {address}",
        "Código QR com ligação para {url}",
        "Caderno informativo",
        ("{count} ficha", "{count} fichas"),
        "Fonte: {source}",
        ("Gráfico de barras", "Gráfico de barras horizontais", "Gráfico de linhas"),
        "em {unit}",
        (",", "."),
        "{number}\u00a0M",
    ),
}
