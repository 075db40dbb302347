"""Draft translations of the national directory's interface strings (issue #14), filled into every messages.po.

Machine drafts, not reviewed (no `# reviewed-by:` comment is added). Run after `bash scripts/translations.sh`;
an entry already translated is left as it is.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
KEYS = [
    "Open now, until {time}",
    "Open now",
    "Closed now, opens {day} at {time}",
    "Closed now",
    "closed",
    "From {source}, updated {day}.",
    "from {source}, {day}",
    "The national directory does not say who it is for (age, French level, languages): ask them.",
    ("Show {n} more route", "Show {n} more routes"),
]
# One row per language: the eight strings, then the plural forms of the last (repeated when the language has fewer).
DRAFTS: dict[str, list] = {
    "fr": [
        "Ouvert maintenant, jusqu'à {time}",
        "Ouvert maintenant",
        "Fermé maintenant, ouvre {day} à {time}",
        "Fermé maintenant",
        "fermé",
        "Source : {source}, mis à jour le {day}.",
        "d'après {source}, {day}",
        "L'annuaire national ne dit pas à qui il s'adresse (âge, niveau de français, langues) : demandez-leur.",
        ["Voir {n} piste de plus", "Voir {n} pistes de plus"],
    ],
    "ar": [
        "مفتوح الآن، حتى {time}",
        "مفتوح الآن",
        "مغلق الآن، يفتح يوم {day} الساعة {time}",
        "مغلق الآن",
        "مغلق",
        "من {source}، تم التحديث في {day}.",
        "من {source}، {day}",
        "لا يذكر الدليل الوطني لمن هذه الخدمة (العمر، مستوى الفرنسية، اللغات): اسألهم.",
        ["اعرض {n} مسارات أخرى"],
    ],
    "fa": [
        "اکنون باز است، تا {time}",
        "اکنون باز است",
        "اکنون بسته است، {day} ساعت {time} باز می‌شود",
        "اکنون بسته است",
        "بسته",
        "از {source}، به‌روزشده در {day}.",
        "از {source}، {day}",
        "راهنمای ملی نمی‌گوید این خدمت برای چه کسانی است (سن، سطح فرانسوی، زبان‌ها): از آن‌ها بپرسید.",
        ["نمایش {n} مسیر دیگر"],
    ],
    "ps": [
        "اوس خلاص دی، تر {time} پورې",
        "اوس خلاص دی",
        "اوس تړلی دی، {day} په {time} خلاصېږي",
        "اوس تړلی دی",
        "تړلی",
        "له {source} څخه، په {day} تازه شوی.",
        "له {source} څخه، {day}",
        "ملي لارښود نه وايي چې دا د چا لپاره دی (عمر، د فرانسوي کچه، ژبې): له دوی وپوښتئ.",
        ["{n} نورې لارې وښایاست"],
    ],
    "uk": [
        "Відчинено зараз, до {time}",
        "Відчинено зараз",
        "Зараз зачинено, відчиниться: {day}, {time}",
        "Зараз зачинено",
        "зачинено",
        "Джерело: {source}, оновлено {day}.",
        "з {source}, {day}",
        "Національний довідник не вказує, для кого ця послуга (вік, рівень французької, мови): запитайте їх.",
        ["Показати ще {n} маршрут", "Показати ще {n} маршрути", "Показати ще {n} маршрутів"],
    ],
    "ru": [
        "Открыто сейчас, до {time}",
        "Открыто сейчас",
        "Сейчас закрыто, откроется: {day}, {time}",
        "Сейчас закрыто",
        "закрыто",
        "Источник: {source}, обновлено {day}.",
        "из {source}, {day}",
        "Национальный справочник не указывает, для кого эта услуга (возраст, уровень французского, языки): спросите у них.",
        ["Показать ещё {n} маршрут", "Показать ещё {n} маршрута", "Показать ещё {n} маршрутов"],
    ],
    "es": [
        "Abierto ahora, hasta las {time}",
        "Abierto ahora",
        "Cerrado ahora, abre el {day} a las {time}",
        "Cerrado ahora",
        "cerrado",
        "De {source}, actualizado el {day}.",
        "de {source}, {day}",
        "El directorio nacional no dice para quién es (edad, nivel de francés, idiomas): pregúntales.",
        ["Ver {n} recorrido más", "Ver {n} recorridos más"],
    ],
    "ti": [
        "ሕጂ ክፉት እዩ፡ ክሳብ {time}",
        "ሕጂ ክፉት እዩ",
        "ሕጂ ዕጹው እዩ፡ {day} ሰዓት {time} ይኽፈት",
        "ሕጂ ዕጹው እዩ",
        "ዕጹው",
        "ካብ {source}፡ ብ{day} ዝተሓደሰ።",
        "ካብ {source}፡ {day}",
        "እቲ ሃገራዊ መዝገብ እዚ ንመን ምዃኑ ኣይገልጽን (ዕድመ፡ ደረጃ ፈረንሳይኛ፡ ቋንቋታት)፦ ሕተትዎም።",
        ["{n} ተወሳኺ መንገዲ ኣርኢ", "{n} ተወሳኺ መንገድታት ኣርኢ"],
    ],
    "tr": [
        "Şu an açık, {time} saatine kadar",
        "Şu an açık",
        "Şu an kapalı, {day} {time} saatinde açılır",
        "Şu an kapalı",
        "kapalı",
        "Kaynak: {source}, {day} tarihinde güncellendi.",
        "{source} kaynağından, {day}",
        "Ulusal rehber bunun kimin için olduğunu söylemiyor (yaş, Fransızca seviyesi, diller): onlara sorun.",
        ["{n} yol daha göster"],
    ],
    "bn": [
        "এখন খোলা, {time} পর্যন্ত",
        "এখন খোলা",
        "এখন বন্ধ, {day} {time}-এ খুলবে",
        "এখন বন্ধ",
        "বন্ধ",
        "{source} থেকে, {day} তারিখে হালনাগাদ।",
        "{source} থেকে, {day}",
        "জাতীয় তালিকায় বলা নেই এটি কার জন্য (বয়স, ফরাসি ভাষার স্তর, ভাষা): তাদের জিজ্ঞাসা করুন।",
        ["আরও {n}টি পথ দেখান"],
    ],
    "ka": [
        "ახლა ღიაა, {time}-მდე",
        "ახლა ღიაა",
        "ახლა დაკეტილია, გაიხსნება: {day}, {time}",
        "ახლა დაკეტილია",
        "დაკეტილია",
        "წყარო: {source}, განახლდა {day}.",
        "{source}-დან, {day}",
        "ეროვნული ცნობარი არ ამბობს, ვისთვისაა ეს (ასაკი, ფრანგულის დონე, ენები): ჰკითხეთ მათ.",
        ["კიდევ {n} გზის ჩვენება"],
    ],
    "so": [
        "Hadda waa furan yahay, ilaa {time}",
        "Hadda waa furan yahay",
        "Hadda waa xiran yahay, wuxuu furmayaa {day} saacadda {time}",
        "Hadda waa xiran yahay",
        "xiran",
        "Laga soo qaaday {source}, la cusboonaysiiyay {day}.",
        "laga soo qaaday {source}, {day}",
        "Buugga qaranku ma sheegayo cidda loogu talagalay (da'da, heerka Faransiiska, luqadaha): weydii iyaga.",
        ["Muuji {n} waddo oo kale"],
    ],
    "ur": [
        "ابھی کھلا ہے، {time} تک",
        "ابھی کھلا ہے",
        "ابھی بند ہے، {day} کو {time} بجے کھلے گا",
        "ابھی بند ہے",
        "بند",
        "{source} سے، {day} کو تازہ کیا گیا۔",
        "{source} سے، {day}",
        "قومی ڈائریکٹری یہ نہیں بتاتی کہ یہ کس کے لیے ہے (عمر، فرانسیسی کی سطح، زبانیں): ان سے پوچھیں۔",
        ["مزید {n} راستہ دکھائیں", "مزید {n} راستے دکھائیں"],
    ],
    "sq": [
        "Hapur tani, deri në {time}",
        "Hapur tani",
        "Mbyllur tani, hapet {day} në {time}",
        "Mbyllur tani",
        "mbyllur",
        "Nga {source}, përditësuar më {day}.",
        "nga {source}, {day}",
        "Drejtoria kombëtare nuk thotë për kë është (mosha, niveli i frëngjishtes, gjuhët): pyetini ata.",
        ["Shfaq edhe {n} rrugë"],
    ],
    "ht": [
        "Louvri kounye a, jiska {time}",
        "Louvri kounye a",
        "Fèmen kounye a, l ap louvri {day} a {time}",
        "Fèmen kounye a",
        "fèmen",
        "Soti nan {source}, mete ajou {day}.",
        "soti nan {source}, {day}",
        "Anyè nasyonal la pa di pou ki moun li ye (laj, nivo franse, lang): mande yo.",
        ["Montre {n} lòt wout"],
    ],
    "ku": [
        "Niha vekirî ye, heta {time}",
        "Niha vekirî ye",
        "Niha girtî ye, {day} saet {time} vedibe",
        "Niha girtî ye",
        "girtî",
        "Ji {source}, di {day} de hate nûkirin.",
        "ji {source}, {day}",
        "Rêbera neteweyî nabêje ev ji bo kê ye (temen, asta fransî, ziman): ji wan bipirsin.",
        ["{n} rêya din nîşan bide"],
    ],
    "pt": [
        "Aberto agora, até às {time}",
        "Aberto agora",
        "Fechado agora, abre {day} às {time}",
        "Fechado agora",
        "fechado",
        "De {source}, atualizado em {day}.",
        "de {source}, {day}",
        "O diretório nacional não diz a quem se destina (idade, nível de francês, línguas): pergunte-lhes.",
        ["Mostrar mais {n} percurso", "Mostrar mais {n} percursos"],
    ],
    "ro": [
        "Deschis acum, până la {time}",
        "Deschis acum",
        "Închis acum, se deschide {day} la {time}",
        "Închis acum",
        "închis",
        "De la {source}, actualizat la {day}.",
        "de la {source}, {day}",
        "Directorul național nu spune cui se adresează (vârstă, nivel de franceză, limbi): întrebați-i.",
        ["Arată încă {n} parcurs", "Arată încă {n} parcursuri", "Arată încă {n} de parcursuri"],
    ],
}


def fill(po: Path, lang: str) -> int:
    with po.open("rb") as f:
        catalog = read_po(f, locale=lang)
    filled = 0
    for key, draft in zip(KEYS, DRAFTS[lang], strict=True):
        message = catalog.get(key[0] if isinstance(key, tuple) else key)
        if message is None:
            continue
        if isinstance(key, tuple):
            forms = catalog.num_plurals
            if any(message.string) and all(message.string):
                continue
            message.string = tuple(draft[min(i, len(draft) - 1)] for i in range(forms))
        else:
            if message.string:
                continue
            message.string = draft
        message.flags.discard("fuzzy")
        filled += 1
    with po.open("wb") as f:
        write_po(f, catalog, width=76, omit_header=False, sort_output=True, ignore_obsolete=True, include_previous=False, no_location=True)
    return filled


if __name__ == "__main__":
    for po in sorted((ROOT / "translations").glob("*/LC_MESSAGES/messages.po")):
        lang = po.parts[-3]
        if lang not in DRAFTS:
            sys.exit(f"{lang}: no drafts for this language; add its row to DRAFTS")
        print(lang, fill(po, lang))
