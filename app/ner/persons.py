"""Well-known persons, written out by Qari's developers from general knowledge (no list copied; MIT like
the rest of Qari): what `app.ner.bundled.known_names` tags where the recognizer left them untagged or
took them for a place.

The network rarely tags a name it never saw in ANERcorp without a title or a speech verb beside it,
even the heads of state an analyst reads about every day. In 2,667 articles of recent news it left
untagged ترمب in 66 of its 215 mentions (the name lists spell it ترامب; وقال ترمب, الرئيس دونالد
ترمب), خامنئي in 38 of 75 (وأقر خامنئي), السيسي in 40 of 192 (الرئيس السيسي), القذافي in 32 of 68
(الإطاحة بنظام معمر القذافي), السبسي in 25 of 53, نتنياهو in 20 of 110, العبادي in 29 of 100, and
made بوتن (Putin, a place to the lists) a place 18 times. Only names that are not also common words
or places are here, so not الأسد ("the lion"), صدام ("clash"), مبارك ("blessed"), مرسي (مرسى "port"),
البشير, الصدر ("the chest"), المالكي, عرفات (the mount), هادي ("calm"), ظريف ("witty"), كيم, هولاند
(Holland): their full names are. Spellings that differ only in what normalization folds (أ إ آ, ى,
ة) are written once; other spellings are listed each. `ALIASES` maps the other spellings of one
person's name to one, so that the panel lists ترمب and ترامب as one person.
"""

from __future__ import annotations

# A one-word name here is tagged alone; a longer one, when the recognizer left it (or all but its
# first word) untagged
PERSONS = (
    # heads of state and government
    "ترامب",
    "ترمب",
    "دونالد ترامب",
    "دونالد ترمب",
    "بوتين",
    "بوتن",
    "فلاديمير بوتين",
    "فلاديمير بوتن",
    "خامنئي",
    "علي خامنئي",
    "السيسي",
    "عبد الفتاح السيسي",
    "عبدالفتاح السيسي",
    "السبسي",
    "الباجي قائد السبسي",
    "الباجي قايد السبسي",
    "القذافي",
    "معمر القذافي",
    "نتنياهو",
    "بنيامين نتنياهو",
    "العبادي",
    "حيدر العبادي",
    "أردوغان",
    "رجب طيب أردوغان",
    "ماكرون",
    "إيمانويل ماكرون",
    "ميركل",
    "أنجيلا ميركل",
    "أنغيلا ميركل",
    "أوباما",
    "باراك أوباما",
    "بايدن",
    "جو بايدن",
    "روحاني",
    "حسن روحاني",
    "خاتمي",
    "محمد خاتمي",
    "أحمدي نجاد",
    "محمود أحمدي نجاد",
    "ساركوزي",
    "نيكولا ساركوزي",
    "شيراك",
    "جاك شيراك",
    "فرانسوا هولاند",
    "بشار الأسد",
    "صدام حسين",
    "حسني مبارك",
    "محمد حسني مبارك",
    "محمد مرسي",
    "عمر البشير",
    "عمر حسن البشير",
    "ياسر عرفات",
    "محمود عباس",
    "نوري المالكي",
    "مقتدى الصدر",
    "السيستاني",
    "علي السيستاني",
    "بلير",
    "توني بلير",
    "أولمرت",
    "إيهود أولمرت",
    "أرييل شارون",
    "جورج بوش",
    "هيلاري كلينتون",
    "بيل كلينتون",
    "كيم جونغ أون",
    "تيريزا ماي",
    "ميشال عون",
    "ميشيل عون",
    "نبيه بري",
    "سعد الحريري",
    "فايز السراج",
    "خليفة حفتر",
    "حفتر",
    "يوسف الشاهد",
    # whole names the network cut: كامالا [هاريس], إبراهيم [رئيسي] (رئيسي "main"), عبد الملك
    # [الحوثي] (the group's name), [جورجيا] (Georgia, a place) [ميلوني]
    "كامالا هاريس",
    "إبراهيم رئيسي",
    "عبد الملك الحوثي",
    "عبدالملك الحوثي",
    "جورجيا ميلوني",
    "أبو مهدي المهندس",  # المهندس "the engineer" left out
    "سلفا كير",  # سلفا left out or apart
    # ministers and envoys
    "لافروف",
    "سيرغي لافروف",
    "سيرجي لافروف",
    "بومبيو",
    "مايك بومبيو",
    "محمد جواد ظريف",
    "جواد ظريف",
    "الجبير",
    "عادل الجبير",
    # the UN's secretaries-general
    "غوتيريس",
    "غوتيريش",
    "أنطونيو غوتيريس",
    "أنطونيو غوتيريش",
    "بان كي مون",
    "بان جي مون",
    "كوفي أنان",
    "كوفي عنان",
    # and more the network left untagged in recent news (الخميني 10 times of 13, بحاح 7 of 32,
    # البرادعي 3 of 6); سليماني only whole, being also "of Sulaymaniyah"
    "الخميني",
    "روح الله الخميني",
    "البرادعي",
    "محمد البرادعي",
    "بحاح",
    "خالد بحاح",
    "عريقات",
    "صائب عريقات",
    "بارزاني",
    "مسعود بارزاني",
    "قاسم سليماني",
    # leaders of armed groups
    "نصر الله",
    "حسن نصر الله",
    "نصرالله",
    "حسن نصرالله",
    "أسامة بن لادن",
    "أبو بكر البغدادي",
)

# Other spellings of one person's name -> the spelling the panel groups it under (normalized forms
# are compared, so these are written as usual)
ALIASES = {
    "ترمب": "ترامب",
    "بوتن": "بوتين",
    "غوتيريش": "غوتيريس",
    "قايد": "قائد",
    "أنغيلا": "أنجيلا",
    "سيرجي": "سيرغي",
    "عنان": "أنان",
    "نصرالله": "نصر الله",
    "عبدالفتاح": "عبد الفتاح",
}
