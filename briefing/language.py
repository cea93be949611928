"""What changes with the content's language: hyphenation, fixed labels, dates, the PDF tag."""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Iterator
from typing import Literal, NamedTuple
from urllib.parse import unquote

Direction = Literal["ltr", "rtl"]
# How a language picks the form of a noun after a number, as CLDR's plural rules say; ``sheets``
# holds one form for each category the rule names, in this order.
Plural = Literal["one", "none", "slavic", "hebrew", "arabic"]
# Ideographs, kana and full-width forms: text that may break between any two of them.
CJK_LETTERS = "\u2e80-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef"
# Marks, embeddings, overrides and isolates typed in a text: they steer its order, unseen.
BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# What may follow a number as its scale: a percent sign, k, m, bn, or a word (or two: "mil
# millones") of a sheet's languages: English, French, Spanish, Portuguese, Russian and
# Ukrainian, Arabic, Persian, Hebrew, Chinese. A pattern, matched ignoring case.
_SCALE_WORDS = (
    r"(?:[mb]illions?|thousands?|trillions?|milliards?|mille|mill[oó]n(?:es)?|mil|billones|"
    r"milh(?:ão|ões)|bilh(?:ão|ões)|млн|млрд|тыс\.|тис\.|مليون|مليار|ألف|میلیون|میلیارد|هزار|"
    r"מיליון|מיליארד|אלף|[万亿千]|百万)"
)
SCALE = rf"(?:%|[kmb]n?|{_SCALE_WORDS}(?:\s+{_SCALE_WORDS})?)"

WESTERN = "0123456789"

_CATEGORIES = {
    "one": ("one", "other"),  # English, French, Spanish, Portuguese
    "none": ("other",),  # Chinese, Persian: the noun does not change
    "slavic": ("one", "few", "many"),  # Russian, Ukrainian
    "hebrew": ("one", "two", "other"),
    "arabic": ("zero", "one", "two", "few", "many", "other"),
}


class Language(NamedTuple):
    """The words and codes the page uses for one language."""

    tag: str  # BCP 47, for the PDF's /Lang
    hyphenation: str  # pyphen's dictionary name; "" for none
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
    sheets: tuple[str, ...]  # how many sheets a book holds, with {count}: a form per plural
    source: str  # a chart's or table's source line, with {source}
    charts: tuple[str, str, str]  # what a bar, horizontal bar and line chart are called
    unit: str  # a chart's unit in its alternate text, with {unit}
    separators: tuple[str, str]  # decimal, thousands
    millions: str = "{number}M"  # a chart's value in millions
    punctuation: tuple[str, str] = (": ", "; ")  # a colon and a semicolon, in running text
    direction: Direction = "ltr"  # the paragraph direction
    script: str = "Latn"  # ISO 15924: the script whose faces draw it (fonts.script_faces)
    digits: str = WESTERN  # the digits its numbers are written with
    plural: Plural = "one"
    data: str = "Data"  # the web page's table of a chart's values, as its disclosure names it

    def writing(self, text: str) -> Language:
        """The language with its numbers in the digits ``text`` (what the writer typed) writes
        them in: Western ones for a language with digits of its own (Persian) whose writer
        typed Western digits and none of its own, so the date line and a list's numbers match
        the writer's."""
        ours = set(self.digits) - set(WESTERN)
        if not ours or ours & set(text) or not set(WESTERN) & set(text):
            return self
        return self._replace(digits=WESTERN)

    def number(self, value: int) -> str:
        """``value`` written with the language's digits."""
        return str(value).translate(str.maketrans(WESTERN, self.digits))

    def count_sheets(self, count: int) -> str:
        """How many sheets a book holds: ``1 briefing``, ``5 briefings``, ``5 справок``."""
        form = _CATEGORIES[self.plural].index(_category(self.plural, count))
        return self.sheets[form].format(count=self.number(count))

    def date_line(self, date: datetime.date) -> str:
        """The 'updated' line for ``date``."""
        month = self.months[date.month - 1]
        day, year = self.number(date.day), self.number(date.year)
        return self.updated.format(day=day, month=month, year=year)

    def describe_link(self, uri: str) -> str:
        """What a link to ``uri`` does, for its annotation's ``Contents``."""
        if uri.startswith("mailto:"):
            return self.mail_to.format(address=unquote(uri.removeprefix("mailto:")))
        return self.link_to.format(target=uri)

    def describe_page(self, title: str, number: int) -> str:
        """What a link to page ``number``, showing ``title``, leads to."""
        return self.page_ref.format(title=title, number=self.number(number))

    def qr_alt(self, url: str) -> str:
        """The alternate text of the QR code of ``url``."""
        return self.qr_code.format(url=url)


def _category(rule: Plural, n: int) -> str:
    """The CLDR plural category of the whole number ``n`` under ``rule``."""
    tens, hundreds = n % 10, n % 100
    if rule == "none":
        return "other"
    if rule == "slavic":
        if tens == 1 and hundreds != 11:
            return "one"
        return "few" if 2 <= tens <= 4 and not 12 <= hundreds <= 14 else "many"
    if rule == "hebrew":
        return {1: "one", 2: "two"}.get(n, "other")
    if rule == "arabic":
        if n in (0, 1, 2):
            return ("zero", "one", "two")[n]
        return "few" if 3 <= hundreds <= 10 else "many" if 11 <= hundreds <= 99 else "other"
    return "one" if n == 1 else "other"


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
        data="Données",
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
        data="Datos",
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
        data="Dados",
    ),
    "ru": Language(
        "ru-RU",
        "ru_RU",
        (  # the genitive, as a date takes: 5 марта
            "января",
            "февраля",
            "марта",
            "апреля",
            "мая",
            "июня",
            "июля",
            "августа",
            "сентября",
            "октября",
            "ноября",
            "декабря",
        ),
        "Обновлено {day} {month} {year}\u00a0г.",
        "Основные факты",
        "Контакты",
        "Читать онлайн",
        "Содержание",
        "{title}, страница {number}",
        "Ссылка на {target}",
        "Отправить письмо на {address}",
        "QR-код со ссылкой на {url}",
        "Информационный сборник",
        ("{count} справка", "{count} справки", "{count} справок"),
        "Источник: {source}",
        ("Столбчатая диаграмма", "Линейчатая диаграмма", "Линейный график"),
        "в {unit}",
        (",", "\u00a0"),
        millions="{number}\u00a0млн",
        script="Cyrl",
        plural="slavic",
        data="Данные",
    ),
    "uk": Language(
        "uk-UA",
        "uk_UA",
        (  # the genitive, as a date takes: 5 березня
            "січня",
            "лютого",
            "березня",
            "квітня",
            "травня",
            "червня",
            "липня",
            "серпня",
            "вересня",
            "жовтня",
            "листопада",
            "грудня",
        ),
        "Оновлено {day} {month} {year}\u00a0р.",
        "Основні факти",
        "Контакти",
        "Читати онлайн",
        "Зміст",
        "{title}, сторінка {number}",
        "Посилання на {target}",
        "Надіслати листа на {address}",
        "QR-код із посиланням на {url}",
        "Інформаційний збірник",
        ("{count} довідка", "{count} довідки", "{count} довідок"),
        "Джерело: {source}",
        ("Стовпчикова діаграма", "Лінійчата діаграма", "Лінійний графік"),
        "у {unit}",
        (",", "\u00a0"),
        millions="{number}\u00a0млн",
        script="Cyrl",
        plural="slavic",
        data="Дані",
    ),
    # Arabic: the month names of Egypt, the Gulf and the UN's Arabic (not the Levant's Syriac
    # ones), and Western digits: the Maghreb writes them, they are read everywhere, and the
    # writer's own text (2018, 20%) mostly has them, which the date line then matches.
    "ar": Language(
        "ar",
        "",
        (
            "يناير",
            "فبراير",
            "مارس",
            "أبريل",
            "مايو",
            "يونيو",
            "يوليو",
            "أغسطس",
            "سبتمبر",
            "أكتوبر",
            "نوفمبر",
            "ديسمبر",
        ),
        "آخر تحديث: {day} {month} {year}",
        "لمحة سريعة",
        "جهات الاتصال",
        "للقراءة على الإنترنت",
        "المحتويات",
        "{title}، الصفحة {number}",
        "رابط إلى {target}",
        "مراسلة {address}",
        "رمز QR يؤدي إلى {url}",
        "ملف إحاطة",
        (
            "{count} نشرة",  # zero: not said "لا نشرات", a book is never empty
            "نشرة واحدة",
            "نشرتان",
            "{count} نشرات",
            "{count} نشرة",
            "{count} نشرة",
        ),
        "المصدر: {source}",
        ("مخطط أعمدة", "مخطط أشرطة أفقية", "مخطط خطي"),
        "بوحدة {unit}",
        (".", ","),
        millions="{number} مليون",
        punctuation=(": ", "؛ "),
        direction="rtl",
        script="Arab",
        plural="arabic",
        data="البيانات",
    ),
    # Persian: Gregorian dates with Iran's names of the Gregorian months, in Persian digits, as
    # Persian text writes its numbers (۵ مارس ۲۰۲۶); a number after which the noun stays single.
    "fa": Language(
        "fa-IR",
        "",
        (
            "ژانویه",
            "فوریه",
            "مارس",
            "آوریل",
            "مه",
            "ژوئن",
            "ژوئیه",
            "اوت",
            "سپتامبر",
            "اکتبر",
            "نوامبر",
            "دسامبر",
        ),
        "آخرین به\u200cروزرسانی: {day} {month} {year}",
        "در یک نگاه",
        "اطلاعات تماس",
        "مطالعه در وب",
        "فهرست مطالب",
        "{title}، صفحه {number}",
        "پیوند به {target}",
        "ایمیل به {address}",
        "کد QR با پیوند به {url}",
        "کتابچه اطلاعات",
        ("{count} برگه",),
        "منبع: {source}",
        ("نمودار ستونی", "نمودار میله‌ای افقی", "نمودار خطی"),
        "بر حسب {unit}",
        ("٫", "٬"),  # the Arabic decimal and thousands separators, as Persian writes them
        millions="{number} میلیون",
        punctuation=(": ", "؛ "),
        direction="rtl",
        script="Arab",
        digits="۰۱۲۳۴۵۶۷۸۹",
        plural="none",
        data="داده‌ها",
    ),
    "he": Language(
        "he-IL",
        "",
        (
            "ינואר",
            "פברואר",
            "מרץ",
            "אפריל",
            "מאי",
            "יוני",
            "יולי",
            "אוגוסט",
            "ספטמבר",
            "אוקטובר",
            "נובמבר",
            "דצמבר",
        ),
        "עודכן ב־{day} ב{month} {year}",
        "בקצרה",
        "אנשי קשר",
        "לקריאה באינטרנט",
        "תוכן העניינים",
        "{title}, עמוד {number}",
        "קישור אל {target}",
        "שליחת דוא״ל אל {address}",
        "קוד QR המקשר אל {url}",
        "חוברת תדריכים",
        ("תדריך אחד", "שני תדריכים", "{count} תדריכים"),
        "מקור: {source}",
        ("תרשים עמודות", "תרשים עמודות אופקי", "תרשים קווי"),
        "ביחידות {unit}",
        (".", ","),
        millions="{number} מיליון",
        direction="rtl",
        script="Hebr",
        plural="hebrew",
        data="נתונים",
    ),
    "zh": Language(  # Simplified Chinese, as written in mainland China
        "zh-CN",
        "",
        ("1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"),
        "更新于{year}年{month}{day}日",
        "概览",
        "联系方式",
        "在线阅读",
        "目录",
        "{title}，第{number}页",
        "链接至{target}",
        "发送电子邮件至{address}",
        "链接至{url}的二维码",
        "简报汇编",
        ("{count}份简报",),
        "来源：{source}",
        ("柱状图", "条形图", "折线图"),
        "单位：{unit}",
        (".", ","),
        millions="{number}百万",
        punctuation=("：", "；"),
        script="Hans",
        plural="none",
        data="数据",
    ),
}


# Fields whose text is not the writer's words: what the date line's digits need not match.
_NOT_WORDS = frozenset({"design", "online", "logo", "style", "phone", "email", "file", "url"})
_LIST_NUMBER = re.compile(r"^[ \t]*\d+[.)](?=[ \t])", re.MULTILINE)


def _typed(value: object) -> Iterator[str]:
    """The text of every field of ``value`` (the content, or a part of it) written in words,
    but a numbered list's numbers (Markdown's, in Western digits whatever the language)."""
    if isinstance(value, str):
        yield _LIST_NUMBER.sub("", value)
    elif isinstance(value, list):
        for item in value:
            yield from _typed(item)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            if field.name not in _NOT_WORDS:
                yield from _typed(getattr(value, field.name))


def words_for(code: str, content: object) -> Language:
    """The words of language ``code``, its numbers in the digits the writer typed in
    ``content`` (the content model: :meth:`Language.writing`), which a language whose digits
    are Western needs not read."""
    language = LANGUAGES[code]
    if set(language.digits) <= set(WESTERN):
        return language
    return language.writing(" ".join(_typed(content)))
