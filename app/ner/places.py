"""Well-known places the recognizer often leaves untagged, written out by Qari's developers from general
knowledge (no list copied; MIT like the rest of Qari): what `app.ner.bundled.known_names` tags as
places.

The name lists the recognizer reads hold cities and countries; regions, provinces and holy cities
named with a common word are rarer in them and in ANERcorp. Tagging 2,667 articles of recent news,
the recognizer missed الغوطة in 226 of its 233 mentions, صعدة in 126 of 132, الجولان in 48 of 62,
المدينة المنورة in 73 of 175. Only names that are not also common words are here: not نجد ("we
find"), البيضاء ("white"), مأرب ("aim"), حائل ("barrier"), ينبع ("springs"), سرت ("she walked"),
جنين ("fetus"), النيل ("harming"), العلا, المهرة. As ANERcorp tags them: الجولان without هضبة,
المدينة المنورة whole. الطائف is no place after اتفاق or دولة (the Taif Agreement, untagged in
ANERcorp).
"""

from __future__ import annotations

# Countries as written here, which the name lists spell otherwise or lack (أوروغواي with غ, listed
# with ج): the network, not knowing them for countries, made أوروغواي an organization 37 times and
# a person 15 in 2,667 recent articles (the national team: a place to ANERcorp). A one-word mention
# tagged as anything else is made a place (`known_names`).
COUNTRIES = (
    "أوروغواي",
    "الأوروغواي",
    "باراغواي",
    "الباراغواي",
    "غواتيمالا",
    "البوسنة",
    "المالديف",
    "قرغيزستان",
    "منغوليا",
    "تشيكيا",
    "طاجكستان",
    "تركمنستان",
    "بيلاروس",
    "نيكاراغوا",
    "إكوادور",
    "البيرو",
    "الغابون",
    "الدومينيكان",
    "توغو",
    "مالاوي",
    "غرينلاند",
    "تايلند",  # the lists have تايلاند
    "كوت ديفوار",  # Côte d'Ivoire, a person to the network now and then
    # persons to the network (سري لانكا, كوستا ريكا, ليختنشتاين, مونتينيغرو), untagged (الرأس الأخضر,
    # فيجي) or cut in two (بابوا | غينيا الجديدة, الكونغو | الديمقراطية) in "وأعلنت X", "إلى X", "مصر وX"
    "سري لانكا",
    "كوستا ريكا",
    "ليختنشتاين",
    "مونتينيغرو",
    "الرأس الأخضر",
    "فيجي",
    "بابوا غينيا الجديدة",
    "الكونغو الديمقراطية",
)

PLACES = (
    # holy cities, regions and heights
    "المدينة المنورة",
    "الجولان",
    "سيناء",
    "الغوطة",
    "الغوطة الشرقية",
    "الغوطة الغربية",
    "عفرين",
    "الحجاز",
    "تهامة",
    "الأحواز",
    "البلقان",
    "القرم",
    "القوقاز",
    "الشيشان",
    "كشمير",
    "التبت",  # untagged in "وصل الوفد إلى التبت"
    "باب المندب",
    "مضيق هرمز",
    # provinces and cities of Yemen
    "صعدة",
    "تعز",
    "لحج",
    "أبين",
    "الضالع",
    "شبوة",
    "حضرموت",
    "سقطرى",
    # and its ports and towns the network left untagged in recent news (عدن 124 times of 496,
    # الحديدة 42 of 399, ذمار 17 of 20, المخا 12 of 12); not مسقط (مسقط رأسه, "his birthplace")
    "عدن",
    "الحديدة",
    "ذمار",
    "المخا",
    "المكلا",
    # of Saudi Arabia
    "الطائف",
    "الأحساء",
    "القصيم",
    "تبوك",
    "الباحة",
    "جازان",
    "جيزان",
    "نجران",
    "القطيف",
    "الخرج",
    "الدرعية",
    "عرعر",
    "بيشة",
    "أبها",
    "الجوف",  # also Yemen's province
    # of Tunisia
    "سوسة",
    "تطاوين",
    # of Iraq
    "الأنبار",
    "الموصل",
    "سامراء",
    # of Syria, of Sudan and of Palestine, which the network left untagged after إلى (not تدمر,
    # also "destroys", حمص "chickpeas", الرقة "tenderness", صيدا "hunting")
    "اللاذقية",
    "الحسكة",
    "القامشلي",
    "الفاشر",
    "يافا",
    # seas, oceans and regions of several words, whole as ANERcorp tags them (البحر الأحمر 4 of 4,
    # المحيط الهندي 8 of 8, شبه الجزيرة العربية 6 of 7 in train)
    "البحر المتوسط",
    "البحر الأبيض المتوسط",
    "البحر الأحمر",
    "البحر الأسود",
    "البحر الكاريبي",
    "بحر العرب",
    "المحيط الهادي",
    "المحيط الهادئ",
    "المحيط الأطلسي",
    "المحيط الهندي",
    "شبه الجزيرة العربية",
    "شبه الجزيرة الكورية",
    "الشرق الأقصى",
    # America and Europe as Levantine and Gulf papers spell them, which the name lists lack (أمريكا,
    # أوروبا are there): ANERcorp tags each of its 56 mentions of either spelling a place
    "أميركا",
    "أوربا",
    # and capitals and a country the lists spell otherwise (كابل, بيونغ يانغ, إنجلترا): the network
    # left كابول untagged in 24 of its 32 mentions in 2,667 recent articles
    "كابول",
    "بيونغيانغ",
    "إنكلترا",
    "أمريكا اللاتينية",
    "أميركا اللاتينية",
    # Hollywood, a person to the network 10 times in 2,667 recent articles (نجمة هوليوود "a
    # Hollywood star"; ANERcorp train: a place)
    "هوليوود",
    # towns of two words the network takes for persons (سيدي بوزيد: 18 persons in 2,667 recent
    # articles, 21 places)
    "سيدي بوزيد",
    # countries by their full names
    "الجمهورية العربية السورية",
    *COUNTRIES,
)
