"""CRF features for the bundled recognizer (numpy-free, torch-free, fast).

Per word *type* (cached): normalized form, clitic-stripped stem, prefixes/suffixes, shape, word-cluster
ids at several granularities, single-word gazetteer membership and trigger-word classes. Per *token*:
those of the neighbours at +-1 and +-2 (a smaller set), word bigrams, the BIO position of the longest
multi-word gazetteer match covering the token, and document cues (what the same word shows elsewhere in
the document: a trigger before it, a gazetteer match).
"""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, count
from typing import Any

from app.text.normalize import is_arabic, normalize, strip_proclitics

# Trigger words (normalized: ة->ه, ى->ي, alef forms->ا). A trigger is a word that usually precedes a name
# of a given kind, or is itself the head of an organization/place name.


def _words(text: str) -> frozenset[str]:
    """The normalized forms of the space-separated words of `text`."""
    return frozenset(normalize(w) for w in text.split())


PERS_TITLES = _words(
    "الرئيس رئيس الرئيسة رئيسة الملك الملكة الأمير الأميرة الشيخ الشيخة السيد السيدة الدكتور الدكتورة "
    "د الوزير وزير وزيرة الوزيرة المستشار المستشارة النائب نائب النائبة الزعيم زعيم القائد قائد "
    "الجنرال اللواء العميد العقيد المشير الفريق الإمام الامام البابا الكاردينال المطران القس الحاخام "
    "السفير سفير السفيرة المتحدث المتحدثة الناطق الناطقة المندوب مندوب المبعوث مبعوث الأمين أمين "
    "المدير مدير المديرة مديرة المدرب مدرب اللاعب لاعب اللاعبة المهاجم الحارس المدافع الكاتب الكاتبة "
    "الشاعر الشاعرة الفنان الفنانة المطرب المطربة الممثل الممثلة المخرج الصحفي الصحافي المحامي "
    "القاضي الرئيسان المرشح المرشحة السناتور السيناتور الحاكم حاكم المحافظ محافظ العاهل "
    "ولي الشاه السلطان الخليفة آية المفتي مفتي الأستاذ الاستاذ البروفيسور المهندس "
    "ابو أبو ابن بن بنت ام أم عبد"
)
SPEECH_VERBS = _words(
    "قال وقال قالت وقالت أعلن واعلن أعلنت أكد وأكد أكدت أضاف وأضاف أضافت صرح وصرح صرحت أوضح وأوضح "
    "أوضحت أشار وأشار أشارت دعا ودعا دعت اعتبر واعتبر التقى والتقى استقبل واستقبل زار وزار بحث "
    "يقول تقول ذكر وذكر ذكرت أفاد نفى ونفى نفت رأى ورأى طالب وطالب"
)
ORG_HEADS = _words(
    "وكالة وكاله شركة الشركة شركات مجموعة جامعة الجامعة جامعات حزب الحزب منظمة المنظمة مجلس المجلس "
    "وزارة الوزارة هيئة الهيئة نادي النادي فريق الفريق منتخب المنتخب بنك البنك مصرف المصرف صندوق "
    "الصندوق اتحاد الاتحاد جمعية الجمعية مؤسسة المؤسسة معهد المعهد مركز المركز لجنة اللجنة حركة "
    "الحركة جبهة الجبهة محكمة المحكمة برلمان البرلمان مجمع جيش الجيش قوات القوات صحيفة الصحيفة "
    "جريدة الجريدة مجلة المجلة قناة القناة إذاعة تلفزيون التلفزيون رابطة الرابطة نقابة النقابة "
    "بورصة البورصة سوق منتدى المنتدى تحالف التحالف ائتلاف الائتلاف كتلة الكتلة الأمم الامم "
    "مكتب المكتب مديرية دائرة الدائرة سلطة السلطة شرطة الشرطة مستشفى أكاديمية الأكاديمية كلية الكلية "
    "الكونغرس الكونجرس مفوضية المفوضية إدارة الادارة"
)
LOC_HEADS = _words(
    "مدينة المدينة مدن محافظة المحافظة ولاية الولاية ولايات إقليم الإقليم اقليم منطقة المنطقة بلدة "
    "البلدة قرية القرية جزيرة الجزيرة جزر نهر النهر بحر البحر جبل الجبل جبال خليج الخليج مضيق "
    "عاصمة العاصمة دولة الدولة دول بلاد مقاطعة المقاطعة حي الحي شارع الشارع ميناء الميناء مطار "
    "المطار سهل وادي صحراء الصحراء قضاء ناحية مخيم المخيم"
)
LOC_PREPS = _words("في من إلى الى الي نحو عبر داخل خارج شمال جنوب شرق غرب وسط")
NATIONALITY_SUFFIXES = ("يه", "يين", "يون", "يتان", "ي")

TRIGGERS: dict[str, str] = {}
for _w in SPEECH_VERBS:
    TRIGGERS[_w] = "SAY"
for _w in LOC_PREPS:
    TRIGGERS[_w] = "LPREP"
for _w in LOC_HEADS:
    TRIGGERS[_w] = "LHEAD"
for _w in ORG_HEADS:
    TRIGGERS[_w] = "OHEAD"
for _w in PERS_TITLES:
    TRIGGERS[_w] = "TITLE"

# Final letters that normalization folds away (alef maksura vs yeh: على "on" vs علي "Ali").
_RAW_ENDINGS = frozenset("ىيةه")


def shape(tok: str) -> str:
    if tok.isdigit():
        return "D"
    if is_arabic(tok):
        return "A" if tok.isalpha() else "AM"
    if tok.isalpha():
        return "L"
    if len(tok) == 1:
        return "P"
    return "M"


def stems(norm: str) -> list[str]:
    """Clitic-stripped candidates of a normalized Arabic word, longest proclitic first (none if short)."""
    cands = strip_proclitics(norm) if len(norm) > 3 else []
    return cands


@dataclass
class Gazetteer:
    """Name lists being built: normalized phrase (tokens joined by a space) -> kinds joined by `|`."""

    phrases: dict[str, str] = field(default_factory=dict)
    # first normalized token -> longest phrase length (in tokens) starting with it
    max_len: dict[str, int] = field(default_factory=dict)

    def add(self, phrase: str, kind: str) -> None:
        from app.text.tokenize import TOKEN_RE

        toks = TOKEN_RE.findall(normalize(phrase))
        if not toks:
            return
        key = " ".join(toks)
        old = self.phrases.get(key)
        if old is None:
            self.phrases[key] = kind
        elif kind not in old.split("|"):
            self.phrases[key] = "|".join(sorted([*old.split("|"), kind]))
        if len(toks) > self.max_len.get(toks[0], 0):
            self.max_len[toks[0]] = len(toks)


# A feature as the tagger gets it: UTF-8 bytes (crfsuite) or its weight row (app.ner.crf; 0: none).
Atom = bytes | int

# A lexicon entry: (cluster features joined by spaces or "", gazetteer kinds joined by "|" or "",
# length in tokens of the longest gazetteer phrase that starts with this key).
Entry = tuple[str, str, int]
NO_ENTRY: Entry = ("", "", 0)


class Lexicon:
    """What the model knows about a word or phrase: its word clusters and name-list kinds."""

    def get(self, key: str) -> Entry:
        raise NotImplementedError

    def prefetch(self, keys: set[str]) -> None:
        """A hint: `get` will soon be asked for these keys (a lexicon on disk reads them at once)."""


class MemoryLexicon(Lexicon):
    """A lexicon in dicts (training time)."""

    def __init__(
        self,
        clusters: Mapping[str, Sequence[int]] | None = None,
        ks: Sequence[int] = (),
        gazetteer: Gazetteer | None = None,
        extra: Mapping[str, str] | None = None,
    ) -> None:
        self.clusters = clusters or {}
        self.ks = tuple(ks)
        self.gaz = gazetteer or Gazetteer()
        # more word-level features (space-separated), stored with the clusters
        self.extra = extra or {}

    def get(self, key: str) -> Entry:
        ids = self.clusters.get(key)
        c = " ".join(f"c{k}={i}" for k, i in zip(self.ks, ids, strict=False)) if ids is not None else ""
        x = self.extra.get(key)
        if x:
            c = f"{c} {x}" if c else x
        return (c, self.gaz.phrases.get(key, ""), self.gaz.max_len.get(key, 0))

    def entries(self) -> list[tuple[str, str, str, int]]:
        """Every `(key, clusters, kinds, max_len)`, sorted by key, for writing the model."""
        keys = set(self.clusters) | set(self.extra) | set(self.gaz.phrases) | set(self.gaz.max_len)
        out = []
        for k in sorted(keys):
            c, g, m = self.get(k)
            out.append((k, c, g, m))
        return out


def gazetteer_matches(
    lex: Lexicon, norms: Sequence[str], firsts: Sequence[Sequence[tuple[str, int]]]
) -> list[list[str]]:
    """Per token, `gm=KIND:B|I` features of the longest multi-word name-list match covering it.

    `norms` are the normalized tokens; `firsts[i]` the `(form, longest phrase length)` pairs of the
    forms tried for a match *starting* at token i (the token and its clitic-stripped stems).
    """
    n = len(norms)
    out: list[list[str]] = [[] for _ in range(n)]
    i = 0
    while i < n:
        best_len = 0
        best_kind = ""
        for form, m in firsts[i]:
            for L in range(min(m, n - i), 1, -1):
                if best_len >= L:
                    break
                kind = lex.get(form + " " + " ".join(norms[i + 1 : i + L]))[1]
                if kind:
                    best_len, best_kind = L, kind
                    break
        if best_len:
            kinds = best_kind.split("|")
            for j in range(best_len):
                pos = "B" if j == 0 else "I"
                out[i + j].extend(f"gm={k}:{pos}" for k in kinds)
                out[i + j].append(f"gmlen={min(best_len, 4)}")
            i += best_len
        else:
            i += 1
    return out


_NO_MATCH: list[str] = []


def _analyze(tok: str) -> tuple[str, str, list[str]]:
    """`(normalized form, shape, clitic-stripped stems)` of a word."""
    norm = normalize(tok)
    sh = shape(norm)
    return norm, sh, stems(norm) if sh == "A" else []


class FeatureExtractor:
    """Turns one document's sentences (lists of token strings) into CRF feature lists."""

    def __init__(
        self,
        lexicon: Lexicon | None = None,
        doc_cues: bool = True,
        known: Container[str] | None = None,
        ids: Mapping[str, int] | None = None,
    ) -> None:
        self.lex = lexicon or MemoryLexicon()
        self.doc_cues = doc_cues
        # At run time, the attributes the CRF has weights for: others are dropped before tagging
        # (they would change nothing and cost a lookup each).
        self.known: Container[str] | None = known
        # With `ids` (attribute -> weight row, from 1), features are kept as those rows instead of
        # bytes: the per-word parts of `TypeInfo` (`bself`, `bm2`...) hold ints, for app.ner.crf.
        self.ids = ids
        self.atom: Callable[[str], Any] = str.encode
        if ids is not None:
            self.known = ids
            self.atom = ids.__getitem__
        self._type_cache: dict[str, TypeInfo] = {}
        # word pair -> its ((bg-=...), (bg+=...)) features encoded, () when the model has no weight for one
        self._bigram_cache: dict[str, tuple[tuple[Atom, ...], tuple[Atom, ...]]] = {}
        # feature -> itself encoded, or b"" when dropped; context feature -> its kept forms at -2, -1,
        # +1, +2, then the same encoded
        self._kept: dict[str, Atom] = {}
        self._ctx_parts: dict[str, tuple[tuple[str, ...] | tuple[Atom, ...], ...]] = {}

    # -- per word type -------------------------------------------------------------------------
    def info(self, tok: str) -> TypeInfo:
        """What the extractor knows about the word `tok` (cached per word)."""
        info = self._type_cache.get(tok)
        if info is None:
            info = self._add(tok, _analyze(tok))
        return info

    def _add(self, tok: str, analysis: tuple[str, str, list[str]]) -> TypeInfo:
        info = self._make_info(tok, *analysis)
        if len(self._type_cache) > 200_000:
            self._type_cache.clear()
            self._kept.clear()
            self._ctx_parts.clear()
        self._type_cache[tok] = info
        return info

    def _make_info(self, tok: str, norm: str, sh: str, cands: list[str]) -> TypeInfo:
        stem = cands[0] if cands else norm
        base = stem[2:] if stem.startswith("ال") and len(stem) > 4 else stem
        feats = [
            "w=" + norm,
            "s=" + stem,
            "b=" + base,
            "sh=" + sh,
            "len=" + str(min(len(norm), 8)),
        ]
        last = tok[-1:]
        if last in _RAW_ENDINGS:
            feats.append("rl=" + last)
        if sh == "A":
            feats += ["p2=" + norm[:2], "p3=" + norm[:3], "x2=" + norm[-2:], "x3=" + norm[-3:]]
            feats.append("bp2=" + base[:2])
            if len(norm) > len(stem):
                feats.append("pre=" + norm[: len(norm) - len(stem)])
            if norm.startswith("ال"):
                feats.append("al")
            if base.endswith(NATIONALITY_SUFFIXES):
                feats.append("nat")
        ctx = ["w=" + norm, "s=" + stem]
        forms = (norm, *cands)
        entries = [self.lex.get(f) for f in forms]
        cl = next((e[0] for e in entries if e[0]), "")
        if cl:
            cfs = cl.split(" ")
            feats += cfs
            ctx += cfs
        elif sh == "A":
            feats.append("c=unk")
            ctx.append("c=unk")
        trig = TRIGGERS.get(norm) or TRIGGERS.get(stem)
        if trig:
            feats.append("tr=" + trig)
            ctx.append("tr=" + trig)
        gzs = (
            sorted({k for e in entries if e[1] for k in e[1].split("|")})
            if any(e[1] for e in entries)
            else []
        )
        for kind in gzs:
            feats.append("g1=" + kind)
            ctx.append("g1=" + kind)
        firsts = tuple([(f, e[2]) for f, e in zip(forms, entries, strict=True) if e[2] >= 2])
        # Drop what the model has no weight for, and encode the rest; both answers are shared by
        # many words (clusters, prefixes, shapes...), so they are cached per feature.
        kept_cache = self._kept
        enc = [kept_cache[f] if f in kept_cache else self._keep(f) for f in feats]
        parts_cache = self._ctx_parts
        # per context feature its 8 parts (kept forms at -2, -1, +1, +2, then encoded); one column each
        cols = [
            tuple(chain.from_iterable(col))
            for col in zip(
                *[parts_cache[f] if f in parts_cache else self._ctx_part(f) for f in ctx], strict=True
            )
        ]
        return TypeInfo(
            norm=norm,
            stem=stem,
            trig=trig or "",
            feats=tuple([f for f, b in zip(feats, enc, strict=True) if b]),
            ctx={-2: cols[0], -1: cols[1], 1: cols[2], 2: cols[3]},
            firsts=firsts,
            gz=tuple(gzs),
            arabic=sh == "A",
            dprev="dprev=" + trig if trig else "",
            dg1=tuple(["dg1=" + k for k in gzs]),
            # the same, UTF-8 encoded once per word form for the tagger (see `document_bytes`)
            bself=(self._bias(), *[b for b in enc if b]),
            bm2=cols[4],
            bm1=cols[5],
            bp1=cols[6],
            bp2=cols[7],
        )

    def _bias(self) -> Atom:
        """The atom of the feature every token has."""
        if self.ids is None:
            return b"bias"
        return self.ids.get("bias", 0)

    def _keep(self, f: str) -> Atom:
        """`f` as an atom when the model has a weight for it, else b"" or 0 (cached)."""
        known = self.known
        b = self._kept[f] = self.atom(f) if known is None or f in known else (b"" if self.ids is None else 0)
        return b

    def _ctx_part(self, f: str) -> tuple[tuple[str, ...] | tuple[Atom, ...], ...]:
        """The context feature `f` seen from -2, -1, +1, +2: kept forms, then the same encoded (cached)."""
        known = self.known
        atom = self.atom
        a, b, c, d = "-2:" + f, "-1:" + f, "1:" + f, "2:" + f
        if known is None:
            part: tuple[tuple[str, ...] | tuple[Atom, ...], ...] = (
                (a,),
                (b,),
                (c,),
                (d,),
                (atom(a),),
                (atom(b),),
                (atom(c),),
                (atom(d),),
            )
        else:
            part = (
                (a,) if a in known else (),
                (b,) if b in known else (),
                (c,) if c in known else (),
                (d,) if d in known else (),
                (atom(a),) if a in known else (),
                (atom(b),) if b in known else (),
                (atom(c),) if c in known else (),
                (atom(d),) if d in known else (),
            )
        self._ctx_parts[f] = part
        return part

    # -- per document ----------------------------------------------------------------------------
    def infos(self, sentences: Sequence[Sequence[str]]) -> list[list[TypeInfo]]:
        cache = self._type_cache
        new = {t: _analyze(t) for s in sentences for t in s if t not in cache}
        if new:
            # the lexicon entries `_make_info` will ask for, read in one go
            forms: set[str] = set()
            for norm, _, cands in new.values():
                forms.add(norm)
                forms.update(cands)
            self.lex.prefetch(forms)
            for t, analysis in new.items():
                self._add(t, analysis)
        get = cache.get
        return [[get(t) or self.info(t) for t in s] for s in sentences]

    def context(
        self, infos: list[list[TypeInfo]], filtered: bool = True
    ) -> tuple[list[list[list[str]]], dict[str, list[str]]]:
        """Per sentence the name-list match features of each token, and the document cues per stem
        (only those the model knows, unless not `filtered`: see `filter_cues`)."""
        cues: dict[str, set[str]] = {}
        gms: list[list[list[str]]] = []
        doc_cues = self.doc_cues
        for sent in infos:
            n = len(sent)
            if any(x.firsts for x in sent):
                gm = gazetteer_matches(self.lex, [x.norm for x in sent], [x.firsts for x in sent])
            else:  # no multi-word name can start in this sentence (a shared list, never changed)
                gm = [_NO_MATCH] * n
            gms.append(gm)
            if not doc_cues:
                continue
            for i, x in enumerate(sent):
                if not x.arabic or x.trig:
                    continue
                dprev = sent[i - 1].dprev if i > 0 else ""
                say = i + 1 < n and sent[i + 1].trig == "SAY"
                g = gm[i]
                if dprev or say or g or x.dg1:
                    c = cues.get(x.stem)
                    if c is None:
                        c = cues[x.stem] = set()
                    if dprev:
                        c.add(dprev)
                    if say:
                        c.add("dnext=SAY")
                    for f in g:
                        if f.startswith("gm="):
                            c.add("d" + f[:-2])
                    c.update(x.dg1)
        cue_lists = {k: sorted(v) for k, v in cues.items()}
        return gms, self.filter_cues(cue_lists) if filtered else cue_lists

    def filter_cues(self, cue_lists: dict[str, list[str]]) -> dict[str, list[str]]:
        """`cue_lists` without the cues the model has no weight for."""
        known = self.known
        if known is None:
            return cue_lists
        return {k: [c for c in v if c in known] for k, v in cue_lists.items()}

    def document(
        self, sentences: Sequence[Sequence[str]], infos: list[list[TypeInfo]] | None = None
    ) -> list[list[list[str]]]:
        """Feature lists for every token of every sentence of one document (`infos`: `self.infos(...)`).

        The reference implementation (training uses it); `document_bytes` is the same, faster.
        """
        if infos is None:
            infos = self.infos(sentences)
        gms, cue_lists = self.context(infos)
        known = self.known
        out: list[list[list[str]]] = []
        no_cues: list[str] = []
        doc_cues = self.doc_cues
        for sent, gm in zip(infos, gms, strict=True):
            n = len(sent)
            if n == 0:
                out.append([])
                continue
            # word bigrams: pair j joins tokens j and j+1
            pairs = [sent[j].norm + "|" + sent[j + 1].norm for j in range(n - 1)]
            if known is None:
                bg_next = ["bg+=" + pr for pr in pairs]
                bg_prev = ["bg-=" + pr for pr in pairs]
            else:
                bg_next = [f if f in known else "" for f in ("bg+=" + pr for pr in pairs)]
                bg_prev = [f if f in known else "" for f in ("bg-=" + pr for pr in pairs)]
            feats_s: list[list[str]] = []
            for i, x in enumerate(sent):
                ff = ["bias", *x.feats]
                if gm[i]:
                    ff += gm[i]
                if i == 0:
                    ff.append("BOS")
                else:
                    ff += sent[i - 1].ctx[-1]
                    if bg_prev[i - 1]:
                        ff.append(bg_prev[i - 1])
                    if gm[i - 1]:
                        ff += [f"-1:{g}" for g in gm[i - 1]]
                    if i > 1:
                        ff += sent[i - 2].ctx[-2]
                if i == n - 1:
                    ff.append("EOS")
                else:
                    ff += sent[i + 1].ctx[1]
                    if bg_next[i]:
                        ff.append(bg_next[i])
                    if gm[i + 1]:
                        ff += [f"+1:{g}" for g in gm[i + 1]]
                    if i + 2 < n:
                        ff += sent[i + 2].ctx[2]
                if doc_cues:
                    ff += cue_lists.get(x.stem, no_cues)
                feats_s.append(ff)
            out.append(feats_s)
        return out

    def bigram_atoms(self, pair: str) -> tuple[tuple[Atom, ...], tuple[Atom, ...]]:
        """The `bg-=` and `bg+=` features of a word pair `"a|b"` as atoms, `()` when not kept (cached)."""
        bg = self._bigram_cache.get(pair)
        if bg is None:
            known = self.known
            fp, fn = "bg-=" + pair, "bg+=" + pair
            bg = self._bigram_cache[pair] = (
                (self.atom(fp),) if known is None or fp in known else (),
                (self.atom(fn),) if known is None or fn in known else (),
            )
        return bg

    def document_bytes(
        self, sentences: Sequence[Sequence[str]], infos: list[list[TypeInfo]] | None = None
    ) -> list[list[tuple[Atom, ...]]]:
        """`document(...)` with every feature UTF-8 encoded, in the same order (what the tagger reads).

        Faster: the per-word parts are encoded once per word form (`TypeInfo.bself` etc.), bigram
        features once per word pair, so the tagger does not encode ~35 strings a token; each token's
        list is built in one go from the parts its neighbours contribute.
        """
        if infos is None:
            infos = self.infos(sentences)
        gms, cue_lists = self.context(infos)
        bigrams = self._bigram_cache
        if len(bigrams) > 200_000:
            bigrams.clear()
        none: tuple[Atom, ...] = ()
        bos, eos = (b"BOS",), (b"EOS",)
        bcues = {k: tuple(c.encode() for c in v) for k, v in cue_lists.items() if v}
        doc_cues = self.doc_cues
        out: list[list[tuple[Atom, ...]]] = []
        for sent, gm in zip(infos, gms, strict=True):
            n = len(sent)
            if n == 0:
                out.append([])
                continue
            # word bigrams: pair j joins tokens j and j+1, seen from j+1 (bg-=) and from j (bg+=)
            bg_prev: list[tuple[Atom, ...]] = [none]
            bg_next: list[tuple[Atom, ...]] = []
            for j in range(n - 1):
                pr = sent[j].norm + "|" + sent[j + 1].norm
                bg = bigrams.get(pr) or self.bigram_atoms(pr)
                bg_prev.append(bg[0])
                bg_next.append(bg[1])
            bg_next.append(none)
            # what token i gets from token i-1, i-2, i+1, i+2 (BOS / EOS at the ends)
            left1 = [bos, *(x.bm1 for x in sent[:-1])]
            left2 = [none, none, *(x.bm2 for x in sent[:-2])][:n]
            right1 = [*(x.bp1 for x in sent[1:]), eos]
            right2 = [*(x.bp2 for x in sent[2:]), none, none][:n]
            cues = [bcues.get(x.stem, none) for x in sent] if doc_cues else [none] * n
            if any(gm):
                gm_self = [tuple(g.encode() for g in gs) for gs in gm]
                gm_left = [none, *(tuple(("-1:" + g).encode() for g in gs) for gs in gm[:-1])]
                gm_right = [*(tuple(("+1:" + g).encode() for g in gs) for gs in gm[1:]), none]
                out.append(
                    [
                        (*x.bself, *g0, *l1, *bl, *gl, *l2, *r1, *br, *gr, *r2, *c)
                        for x, g0, l1, bl, gl, l2, r1, br, gr, r2, c in zip(
                            sent,
                            gm_self,
                            left1,
                            bg_prev,
                            gm_left,
                            left2,
                            right1,
                            bg_next,
                            gm_right,
                            right2,
                            cues,
                            strict=True,
                        )
                    ]
                )
            else:
                out.append(
                    [
                        (*x.bself, *l1, *bl, *l2, *r1, *br, *r2, *c)
                        for x, l1, bl, l2, r1, br, r2, c in zip(
                            sent, left1, bg_prev, left2, right1, bg_next, right2, cues, strict=True
                        )
                    ]
                )
        return out


# Generations of the row tables that cache per-word rows on `TypeInfo` (the CRF's and the network's),
# unique in the process, so a word never reads a row cached by another table (a network swapped in
# with `BundledRecognizer.set_network`, say).
TABLE_GENERATIONS = count()


@dataclass(slots=True)
class TypeInfo:
    """Per-word features and facts, computed once per word form."""

    norm: str
    stem: str
    trig: str
    feats: tuple[str, ...]
    ctx: dict[int, tuple[str, ...]]
    firsts: tuple[tuple[str, int], ...]
    gz: tuple[str, ...]
    arabic: bool
    dprev: str  # the document cue this word gives the next one ("dprev=" + trig), or ""
    dg1: tuple[str, ...]  # its document cues from single-word name lists ("dg1=" + kind)
    # UTF-8: `("bias", *feats)`, and `ctx[-2]`, `ctx[-1]`, `ctx[1]`, `ctx[2]` (tuples of atoms: the
    # garbage collector soon stops scanning them)
    bself: tuple[Atom, ...]
    bm2: tuple[Atom, ...]
    bm1: tuple[Atom, ...]
    bp1: tuple[Atom, ...]
    bp2: tuple[Atom, ...]
    # app.ner.crf: (generation of its row table, the rows of bself, bm2, bm1, bp1, bp2), once scored
    rows: tuple[int, ...] = ()
    # app.ner.neural: (generation of its input table, this word's row), once seen
    net_row: tuple[int, int] = (-1, 0)
