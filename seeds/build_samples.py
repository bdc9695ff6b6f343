"""Build the sample articles in seeds/ from the seed article and the ANERcorp training sentences.

    python seeds/build_samples.py [--corpus ../shared/data/anercorp/train.txt] [--no-pdf]

Writes long_article.txt, mixed_latin.txt, cp1256.txt, saved_page.html, article.docx and article.pdf next
to this script. The corpus is only read: its sentences are re-joined into running text (no `token TAG`
lines are written anywhere). The PDF is the .docx converted by LibreOffice (soffice --headless) in the
Amiri font, which must be installed (fonts-hosny-amiri): with Noto Naskh Arabic the quotes come from a
fallback font and pypdf misplaces them.
Run from anywhere; the output does not depend on the working directory.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = HERE / "000_a8c034b26b330cb6.txt"
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "data" / "anercorp" / "train.txt"

LONG_TITLE = "العراق ولبنان في أسبوع: هجمات ومواقف دولية"
# Our own subheadings, placed between the corpus paragraphs of long_article.txt.
SUBHEADINGS = (
    "مواقف دولية متباينة",
    "الخسائر الاقتصادية للحرب",
    "جهود دبلوماسية في العواصم",
    "تطورات ميدانية",
    "الموقف العربي",
    "الوضع الإنساني",
    "قراءة في المشهد",
    "ملفات مفتوحة",
    "ردود فعل",
    "ما بعد الأزمة",
)
TARGET_WORDS = 5000
SENTENCES_PER_PARAGRAPH = 3
PARAGRAPHS_PER_SECTION = 7

# ---------------------------------------------------------------------------------------------------
# Corpus sentences -> running text
# ---------------------------------------------------------------------------------------------------
_ATTACH_LEFT = {"،", ".", ",", ":", "؛", ";", "!", "؟", "?", ")", "]", "»", "%", "…", "”", "’"}
_ATTACH_RIGHT = {"(", "[", "«", "“", "‘"}


def read_sentences(corpus: Path) -> list[list[str]]:
    """Token lists of the corpus sentences (first column of each line, blank line between sentences)."""
    sentences: list[list[str]] = []
    cur: list[str] = []
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if cur:
                    sentences.append(cur)
                    cur = []
                continue
            if parts[0].startswith("-DOCSTART-"):
                continue
            cur.append(parts[0])
    if cur:
        sentences.append(cur)
    return sentences


def detokenize(tokens: list[str]) -> str:
    """Join tokens as running text: no space before «، . : ؛ ) »», none after «( «», quotes paired."""
    out = ""
    glue_next = False
    quote_open = False
    for tok in tokens:
        if tok in ('"', "''"):
            tok = '"'
            if quote_open:
                out += tok  # closing quote: glued to the word before it
                quote_open = False
                continue
            quote_open = True
            out += (" " if out else "") + tok
            glue_next = True
            continue
        if tok in _ATTACH_LEFT:
            out += tok
        elif glue_next or not out:
            out += tok
        else:
            out += " " + tok
        glue_next = tok in _ATTACH_RIGHT
    out = re.sub(r"\s+", " ", out).strip()
    return out


def corpus_paragraphs(corpus: Path, words_wanted: int) -> list[str]:
    """Consecutive, de-duplicated corpus sentences grouped into paragraphs, about `words_wanted` words."""
    seen: set[str] = set()
    paragraphs: list[str] = []
    cur: list[str] = []
    words = 0
    for tokens in read_sentences(corpus):
        if len(tokens) < 6:
            continue
        sentence = detokenize(tokens)
        if sentence in seen or not sentence.endswith((".", "؟", "!", '"')):
            continue
        seen.add(sentence)
        cur.append(sentence)
        words += len(sentence.split())
        if len(cur) == SENTENCES_PER_PARAGRAPH:
            paragraphs.append(" ".join(cur))
            cur = []
            if words >= words_wanted:
                break
    if cur:
        paragraphs.append(" ".join(cur))
    return paragraphs


# ---------------------------------------------------------------------------------------------------
# The samples
# ---------------------------------------------------------------------------------------------------


def seed_lines() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def is_subheading(line: str) -> bool:
    return len(line.split()) <= 12 and not line.endswith((".", "!", "؟", "?", ":", "،", '"', "»"))


def build_long_article(corpus: Path) -> str:
    seed = seed_lines()
    seed_words = sum(len(line.split()) for line in seed)
    paragraphs = corpus_paragraphs(corpus, TARGET_WORDS - seed_words - 60)
    lines = [LONG_TITLE, *seed]
    for i, para in enumerate(paragraphs):
        if i % PARAGRAPHS_PER_SECTION == 0:
            lines.append(SUBHEADINGS[(i // PARAGRAPHS_PER_SECTION) % len(SUBHEADINGS)])
        lines.append(para)
    return "\n".join(lines) + "\n"


MIXED_LATIN = """\
الناتو يدرس تعزيز الدفاعات الجوية في العراق
أعلن حلف شمال الأطلسي (NATO) يوم 29 يوليو/تموز 2021 أنه يدرس توسيع مهمته التدريبية في العراق، بعد هجوم بصاروخين استهدف محيط السفارة الأمريكية في بغداد، وقال متحدث باسم الحلف إن "the mission will remain non-combat" مؤكداً أن عدد المدربين قد يرتفع من 500 إلى نحو 4,000 عنصر.
وأوضح مصدر عسكري أن منظومة C-RAM المخصصة لاعتراض الصواريخ وقذائف الهاون نجحت في اعتراض 85% من المقذوفات خلال الأشهر الستة الأولى من عام 2021، لكنها فشلت هذه المرة، وسقطت شظايا على سيارات مدنية في المنطقة الخضراء.
وفي نيويورك، قالت الأمم المتحدة (UN) في تقرير صدر في 2021-07-30 إن 1.2 مليون نازح ما زالوا خارج ديارهم، وإن بعثة UNAMI تتابع الوضع "بقلق بالغ"، فيما دعا الأمين العام أنطونيو غوتيريش إلى "maximum restraint" من جميع الأطراف.
ردود فعل في واشنطن
وقال الرئيس الأمريكي جو بايدن في مؤتمر صحفي مع رئيس الوزراء العراقي مصطفى الكاظمي في البيت الأبيض: "We're not going to be, by the end of the year, in a combat mission"، مضيفاً أن وزارة الدفاع (Pentagon) ستعلن التفاصيل خلال 30 يوماً.
The White House said in a statement on July 26, 2021 that the United States and Iraq had agreed to move the U.S. military mission to an advisory role by December 31, and that about 2,500 American troops would stay in the country to train and advise Iraqi forces.
وتشير تقديرات مركز CSIS في واشنطن إلى أن الهجمات على المصالح الأمريكية في العراق زادت بنسبة 40% خلال عام 2021 مقارنة بعام 2020، وأن نحو 50 هجوماً وقع منذ يناير/كانون الثاني، استُخدمت في بعضها طائرات مسيّرة من طراز UAV صغيرة.
وبحسب وكالة الأنباء العراقية (INA)، فإن اللجنة الفنية المشتركة ستجتمع في 15/8/2021 في بغداد لبحث جدول الانسحاب، بحضور ممثلين عن وزارتي الدفاع والخارجية وعن التحالف الدولي ضد تنظيم "داعش" (ISIS).
"""

PAGE_TEMPLATE = """\
<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | أخبار الرافدين</title>
<meta name="author" content="{author}">
<meta name="description" content="{description}">
<meta property="og:type" content="article">
<meta property="og:title" content="{title}">
<meta property="og:url" content="{url}">
<meta property="og:site_name" content="أخبار الرافدين">
<meta property="article:published_time" content="2021-07-29T14:35:00+03:00">
<link rel="canonical" href="{url}">
<style>
body {{ font-family: "Noto Naskh Arabic", "Amiri", serif; margin: 0 }}
nav ul {{ list-style: none; display: flex; gap: 1em }}
.ad {{ background: #ffd; border: 1px dashed #cc9; padding: 1em; margin: 1em 0 }}
</style>
</head>
<body>
<header class="site-header">
  <div class="logo"><a href="/">أخبار الرافدين</a></div>
  <nav class="main-menu">
    <ul>
      <li><a href="/">الرئيسية</a></li>
      <li><a href="/iraq">العراق</a></li>
      <li><a href="/arab">عربي ودولي</a></li>
      <li><a href="/economy">اقتصاد</a></li>
      <li><a href="/sport">رياضة</a></li>
      <li><a href="/video">فيديو</a></li>
    </ul>
  </nav>
  <div class="breaking">عاجل: انقطاع الكهرباء عن أحياء في البصرة</div>
</header>
<div class="ad ad-top" id="ad-leaderboard">إعلان — اشترك في النشرة اليومية واحصل على خصم 50٪ على الاشتراك السنوي</div>
<main>
<article class="post">
  <h1 class="post-title">{title}</h1>
  <div class="post-meta">
    <span class="byline">بقلم <a rel="author" href="/author/ahmad">{author}</a></span>
    <time datetime="2021-07-29T14:35:00+03:00">29 يوليو 2021</time>
  </div>
  <div class="post-body">
{body}
  </div>
  <div class="tags">وسوم: <a href="/tag/iraq">العراق</a> <a href="/tag/usa">أمريكا</a></div>
  <div class="share">شارك: <a href="#">فيسبوك</a> <a href="#">تويتر</a> <a href="#">واتساب</a></div>
</article>
<aside class="related">
  <h3>اقرأ أيضاً</h3>
  <ul>
    <li><a href="/a/1">ارتفاع أسعار النفط مع تراجع المخزونات الأمريكية</a></li>
    <li><a href="/a/2">منتخب العراق يستعد لتصفيات كأس العالم</a></li>
    <li><a href="/a/3">افتتاح معرض بغداد الدولي للكتاب</a></li>
  </ul>
</aside>
<div class="ad ad-side" id="ad-mpu">إعلان ممول: أفضل العروض على الهواتف الذكية — تسوق الآن</div>
<section class="comments" id="comments">
  <h3>التعليقات (2)</h3>
  <div class="comment"><span class="comment-author">زائر</span>
    <p>تعليق من زائر: نتمنى السلامة لأهلنا في بغداد ونرجو أن تنتهي هذه الهجمات قريباً.</p></div>
  <div class="comment"><span class="comment-author">أبو علي</span>
    <p>تعليق آخر: متى يعود الهدوء إلى المنطقة الخضراء؟ الناس تعبت من الأخبار السيئة.</p></div>
  <form class="comment-form"><textarea placeholder="أضف تعليقك"></textarea><button>إرسال</button></form>
</section>
</main>
<footer class="site-footer">
  <p>جميع الحقوق محفوظة © 2021 أخبار الرافدين</p>
  <p><a href="/about">من نحن</a> | <a href="/contact">اتصل بنا</a> | <a href="/privacy">سياسة الخصوصية</a></p>
</footer>
</body>
</html>
"""

PAGE_TITLE = "صاروخان يستهدفان محيط السفارة الأمريكية في بغداد"
PAGE_AUTHOR = "أحمد الجبوري"
PAGE_URL = "https://news.example.org/iraq/2021/07/29/embassy-rockets"


def build_saved_page() -> str:
    body = []
    for line in seed_lines():
        tag = "h2" if is_subheading(line) else "p"
        body.append(f"    <{tag}>{html.escape(line, quote=False)}</{tag}>")
    return PAGE_TEMPLATE.format(
        title=html.escape(PAGE_TITLE),
        author=html.escape(PAGE_AUTHOR),
        description=html.escape(seed_lines()[0][:150]),
        url=PAGE_URL,
        body="\n".join(body),
    )


def _set_rtl(paragraph: object, font: str | None = "Amiri") -> None:
    """Mark a python-docx paragraph right-to-left (w:bidi) and its runs as complex script (w:rtl)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = paragraph._p  # type: ignore[attr-defined]
    ppr = p.get_or_add_pPr()
    bidi = OxmlElement("w:bidi")
    ppr.insert(0, bidi)
    for run in paragraph.runs:  # type: ignore[attr-defined]
        rpr = run._r.get_or_add_rPr()
        rtl = OxmlElement("w:rtl")
        rpr.append(rtl)
        if font:
            fonts = OxmlElement("w:rFonts")
            fonts.set(qn("w:cs"), font)
            rpr.insert(0, fonts)


def build_docx(path: Path, font: str | None = "Amiri") -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = PAGE_TITLE
    document.core_properties.author = "Qari samples"
    _set_rtl(document.add_heading(PAGE_TITLE, level=0), font)
    for line in seed_lines():
        if is_subheading(line):
            _set_rtl(document.add_heading(line, level=2), font)
        else:
            _set_rtl(document.add_paragraph(line), font)
    table = document.add_table(rows=2, cols=2)
    for r, (k, v) in enumerate((("المصدر", "السومرية نيوز"), ("التاريخ", "29 يوليو 2021"))):
        table.cell(r, 0).text = k
        table.cell(r, 1).text = v
        _set_rtl(table.cell(r, 0).paragraphs[0], font)
        _set_rtl(table.cell(r, 1).paragraphs[0], font)
    _set_rtl(document.add_paragraph("انتهى الخبر."), font)
    # Fixed metadata, so rebuilding gives the same document.
    import datetime as dt

    stamp = dt.datetime(2021, 7, 29, 12, 0, 0)
    document.core_properties.created = stamp
    document.core_properties.modified = stamp
    document.save(str(path))


def build_pdf(docx_path: Path, pdf_path: Path) -> None:
    """Convert the .docx with LibreOffice (headless). Its PDFs carry a real text layer for Arabic;
    Qt's QPdfWriter was tried first, but its subset fonts have no usable Unicode map (pypdf and
    pdftotext get gibberish back)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed for article.pdf; rerun with --no-pdf to skip it")
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp, "profile").as_uri()
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx_path),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.copyfile(Path(tmp, docx_path.stem + ".pdf"), pdf_path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="ANERcorp train.txt (CoNLL)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF (needs LibreOffice)")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        parser.error(f"corpus not found: {args.corpus}")

    (HERE / "long_article.txt").write_text(build_long_article(args.corpus), encoding="utf-8")
    (HERE / "mixed_latin.txt").write_text(MIXED_LATIN, encoding="utf-8")
    # The seed article in Windows-1256, with Windows line ends, as old Arabic Windows editors save it.
    cp1256 = "\r\n".join(seed_lines()) + "\r\n"
    (HERE / "cp1256.txt").write_bytes(cp1256.encode("cp1256"))
    (HERE / "saved_page.html").write_text(build_saved_page(), encoding="utf-8")
    build_docx(HERE / "article.docx")
    if not args.no_pdf:
        build_pdf(HERE / "article.docx", HERE / "article.pdf")
        # The same document with no Arabic font named: LibreOffice falls back to DejaVu Sans, whose
        # lam-alef ligatures pypdf's layout mode leaves in logical order (the reader must notice).
        with tempfile.TemporaryDirectory() as tmp:
            plain = Path(tmp, "article_fallback_font.docx")
            build_docx(plain, font=None)
            build_pdf(plain, HERE / "article_fallback_font.pdf")
    for name in sorted(os.listdir(HERE)):
        print(f"{name:32} {(HERE / name).stat().st_size:>8} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
