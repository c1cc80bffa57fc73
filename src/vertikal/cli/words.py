"""The terminal's own words (titles, column headings, captions, fixed lines) in Russian and Kazakh.

A plain dict, keyed by the English text, imported only by the renderers: no catalog is parsed when a
command starts. Where the web has the same word (`web/locale/*/messages.po`) or `vertikal.fmt.WORDS`
does, the translation is theirs; new Kazakh terms follow the official Kazakh text of the Constitution
("бап", "тармақ", "Президент", "Парламент", "әкім", "мәслихат").

>>> tr("Versions", "kk"), tr("Events ({n})", "ru", n=3), tr("Versions", "en")
('Редакциялар', 'События (3)', 'Versions')
"""

from __future__ import annotations

from typing import Any

# English -> (Russian, Kazakh). `{name}` fields are filled by `tr`.
WORDS: dict[str, tuple[str, str]] = {
    # headings shared by several tables
    "item": ("пункт", "бірлік"),
    "label": ("название", "атауы"),
    "domain": ("сфера", "сала"),
    "kind": ("вид", "түрі"),
    "maps": ("соответствия", "сәйкестіктер"),
    "status": ("статус", "мәртебе"),
    "confidence": ("достоверность", "сенімділік"),
    "with": ("вместе с", "кіммен бірге"),
    "cite": ("ссылка", "сілтеме"),
    "citation": ("ссылка", "сілтеме"),
    "attributes": ("атрибуты", "атрибуттар"),
    "paraphrase": ("пересказ", "мазмұндама"),
    "version": ("редакция", "редакция"),
    "versions": ("редакции", "редакциялар"),
    "change": ("изменение", "өзгеріс"),
    "in force": ("в силе с", "күшіне енген күні"),
    "basis": ("основа", "негізі"),
    "powers": ("полномочия", "өкілеттіктер"),
    "checks": ("сдержки", "тежемелер"),
    "constr.": ("огранич.", "шектеулер"),
    "title": ("название", "атауы"),
    "date": ("дата", "күні"),
    "what": ("событие", "оқиға"),
    "instrument": ("акт", "акті"),
    "holder": ("носитель", "иесі"),
    "power": ("полномочие", "өкілеттік"),
    "president": ("президент", "президент"),
    "first pres.": ("первый през.", "тұңғыш през."),
    "pres.-type": ("през. типа", "през. үлгідегі"),
    "measure": ("показатель", "көрсеткіш"),
    "from": ("с", "бастап"),
    "to": ("по", "дейін"),
    "from|value": ("было", "бұрын"),  # a measure's value before and after a step (the web's Before/After)
    "to|value": ("стало", "кейін"),
    "delta": ("разница", "айырма"),
    "step": ("оценка", "бағасы"),
    "up": ("повышают", "арттырады"),
    "down": ("понижают", "кемітеді"),
    "component": ("компонент", "құрамдас бөлік"),
    "score": ("балл", "балл"),
    "max": ("макс.", "ең көбі"),
    "rule": ("правило", "ереже"),
    "evidence": ("основания", "негіздер"),
    "claim": ("утверждение", "тұжырым"),
    "verdict": ("вывод", "қорытынды"),
    "text": ("текст", "мәтін"),
    "by dimension and measure": ("по измерениям и показателям", "өлшем мен көрсеткіш бойынша"),
    "as coded": ("по данным", "кодталғандай"),
    "method": ("порядок", "тәртібі"),
    "dismissal": ("освобождение", "босату"),
    "acts cancelled by President": ("акты отменяет Президент", "актілерінің күшін Президент жояды"),
    "event": ("событие", "оқиға"),
    "tiers": ("уровни", "деңгейлер"),
    "counts": ("числа", "сандар"),
    "year": ("год", "жыл"),
    "nat.": ("по стране", "ел бойынша"),
    "range": ("диапазон", "ауқым"),
    "region": ("область", "облыс"),
    "rep. city": ("респ. город", "респ. қала"),
    "district": ("район", "аудан"),
    "rural": ("село", "ауыл"),
    "city dist.": ("район гор.", "қала ауд."),
    # values the tables show in words (the web's words)
    "constitution": ("конституция", "конституция"),
    "law": ("закон", "заң"),
    "constitutional law": ("конституционный закон", "конституциялық заң"),
    "decree": ("указ", "жарлық"),
    "amendment": ("поправки", "түзетулер"),
    "founding law": ("учредительный закон", "құрылтай заңы"),
    "declaration": ("декларация", "декларация"),
    "primary": ("первичная", "бастапқы"),
    "secondary": ("вторичная", "қайталама"),
    "none": ("нет", "жоқ"),
    "in_force": ("вступление в силу", "күшіне енуі"),
    "repealed": ("утрата силы", "күшінің жойылуы"),
    "added": ("добавлено", "қосылды"),
    "removed": ("исключено", "алынып тасталды"),
    "changed": ("изменено", "өзгертілді"),
    "gained": ("появилось", "пайда болды"),
    "lost": ("утрачено", "жойылды"),
    "constrained": ("стало совместным", "бірлескен болды"),
    "loosened": ("стало единоличным", "дербес болды"),
    "concentration": ("концентрация", "шоғырлану"),
    "deconcentration": ("деконцентрация", "шоғырланудың әлсіреуі"),
    "mixed": ("смешанный", "аралас"),
    "unchanged": ("без изменений", "өзгеріссіз"),
    "holds": ("подтверждается", "расталады"),
    "contradicted": ("опровергается", "теріске шығарылады"),
    "split": ("расходятся показатели", "көрсеткіштер сәйкес келмейді"),
    "depends on unknowns": ("зависит от неизвестного", "белгісіз кодтауларға байланысты"),
    "cannot be evaluated": ("нельзя оценить", "бағалау мүмкін емес"),
    "increase": ("рост", "өсу"),
    "decrease": ("снижение", "төмендеу"),
    "flat": ("без изменений", "өзгеріссіз"),
    # titles and captions
    "Codebook ({n} items)": ("Кодификатор (пунктов: {n})", "Кодификатор ({n} бірлік)"),
    "Versions": ("Редакции", "Редакциялар"),
    "powers: items of kind power held sole/shared/absent(/unknown?); checks, constr.: the legislature's"
    " checks and the constraints on the President in force (+n? unknown)": (
        "полномочия: пункты вида «полномочие», единолично/совместно/отсутствует(/неизвестно?); сдержки,"
        " огранич.: действующие сдержки законодательной власти и ограничения Президента (+n? неизвестно)",
        "өкілеттіктер: «өкілеттік» түріндегі бірліктер, дербес/бірлесіп/жоқ(/белгісіз?); тежемелер,"
        " шектеулер: заң шығарушы биліктің әрекеттегі тежемелері мен Президентке қойылған шектеулер"
        " (+n? белгісіз)",
    ),
    "Instruments ({n})": ("Акты ({n})", "Актілер ({n})"),
    "{n} ({read} read)": ("{n} (прочитано: {read})", "{n} (оқылғаны: {read})"),
    "Events ({n})": ("События ({n})", "Оқиғалар ({n})"),
    "Events": ("События", "Оқиғалар"),
    "~ the date is a lower bound or a placeholder": (
        "~ дата — нижняя граница или условная",
        "~ күні — төменгі шек немесе шартты күн",
    ),
    "+{n} other": ("ещё {n}", "тағы {n}"),
    "In force: {list}. Rule: {rule}": (
        "Действуют: {list}. Правило: {rule}",
        "Күшінде: {list}. Ереже: {rule}",
    ),
    "Powers on {date} (Constitution version {version})": (
        "Полномочия на {date} (редакция Конституции {version})",
        "{date} күнгі өкілеттіктер (Конституцияның {version} редакциясы)",
    ),
    "{a} → {b}: what changed": ("{a} → {b}: что изменилось", "{a} → {b}: не өзгерді"),
    "Measures by date": ("Показатели по датам", "Көрсеткіштер күндер бойынша"),
    "president, first pres.: powers held (sole or shared) by the holder that day; pres.-type: held by"
    " either, counted once (docs/instruments.md)": (
        "президент, первый през.: полномочия носителя в этот день (единолично или совместно); през. типа:"
        " у любого из двух, каждое один раз (docs/instruments.md)",
        "президент, тұңғыш през.: иесінің сол күнгі өкілеттіктері (дербес немесе бірлесіп); през. үлгідегі:"
        " екеуінің біріндегі өкілеттіктер, әрқайсысы бір рет (docs/instruments.md)",
    ),
    "Measures": ("Показатели", "Көрсеткіштер"),
    "{label}: point value [low–high] by version (! = low-confidence codings)": (
        "{label}: значение [нижнее–верхнее] по редакциям (! = кодировки низкой достоверности)",
        "{label}: мәні [төменгі–жоғарғы] редакциялар бойынша (! = сенімділігі төмен кодтаулар)",
    ),
    "(█ point value, ░ up to the high end of the range; peak {peak})": (
        "(█ значение, ░ до верхней границы диапазона; пик {peak})",
        "(█ мәні, ░ ауқымның жоғарғы шегіне дейін; ең жоғары мәні {peak})",
    ),
    "◀ peak": ("◀ пик", "◀ ең жоғары"),
    "bodies: {list}": ("органы: {list}", "органдар: {list}"),
    "(unknowns allow: {list})": (
        "(неизвестные кодировки допускают: {list})",
        "(белгісіз кодтаулар мүмкін етеді: {list})",
    ),
    "Measures (point value [low–high])": (
        "Показатели (значение [нижнее–верхнее])",
        "Көрсеткіштер (мәні [төменгі–жоғарғы])",
    ),
    "{measure} in {version}: {value} of {max}": (
        "{measure} в {version}: {value} из {max}",
        "{measure}, {version}: {max} ішінен {value}",
    ),
    "exact": ("точный", "дәл"),
    "an outer bound": ("внешняя граница", "сыртқы шек"),
    "range {low}–{high} ({exact}) from unknown codings:": (
        "диапазон {low}–{high} ({exact}) из-за неизвестных кодировок:",
        "ауқым {low}–{high} ({exact}), белгісіз кодтаулардан:",
    ),
    "rests on low-confidence codings:": (
        "опирается на кодировки низкой достоверности:",
        "сенімділігі төмен кодтауларға сүйенеді:",
    ),
    "{measure}: global peak {versions} ({value})": (
        "{measure}: наибольший пик {versions} ({value})",
        "{measure}: ең жоғары мәні {versions} ({value})",
    ),
    "local peaks: {list}": ("локальные пики: {list}", "жергілікті шыңдар: {list}"),
    "{a} → {b}: {direction} ({change} over {steps} steps)": (
        "{a} → {b}: {direction} ({change}, шагов: {steps})",
        "{a} → {b}: {direction} ({change}, {steps} қадамда)",
    ),
    "about: {list}": ("о чём: {list}", "неге қатысты: {list}"),
    "no dimension": ("без измерения", "өлшемі жоқ"),
    "depends on: {list}": ("зависит от: {list}", "байланысты: {list}"),
    "Claims from the literature (! = rests on low-confidence codings)": (
        "Утверждения из литературы (! = опирается на кодировки низкой достоверности)",
        "Ғылыми әдебиеттегі тұжырымдар (! = сенімділігі төмен кодтауларға сүйенеді)",
    ),
    "{about} ({n} codings recoded)": (
        "{about} (перекодировано кодировок: {n})",
        "{about} ({n} кодтау қайта кодталды)",
    ),
    "Claims: the verdict as coded and under each switch (changes in bold)": (
        "Утверждения: вывод по данным и при каждом допущении (изменения выделены)",
        "Тұжырымдар: кодталғандағы және әр жорамалдағы қорытынды (өзгерістер қалың әріппен)",
    ),
    "Measures: where the point values peak (years; ties listed), as coded and under each switch": (
        "Показатели: где значения достигают пика (годы; равные перечислены), по данным и при каждом"
        " допущении",
        "Көрсеткіштер: мәндер ең жоғары болған жылдар (теңдері тізілген), кодталғандай және әр жорамалда",
    ),
    # methods
    "dimension {id}": ("измерение {id}", "{id} өлшемі"),
    "source:": ("источник:", "дереккөз:"),
    "not verified:": ("не проверено:", "тексерілмеген:"),
    "measures:": ("показатели:", "көрсеткіштер:"),
    "none (see the command named above)": (
        "нет (см. команду, названную выше)",
        "жоқ (жоғарыда аталған команданы қараңыз)",
    ),
    "assumption:": ("допущение:", "жорамал:"),
    "components:": ("компоненты:", "құрамдастар:"),
    "Ranges.": ("Интервалы.", "Ауқымдар."),
    # check
    "ok: {items} items, {versions} versions, {codings} codings": (
        "ok: пунктов {items}, редакций {versions}, кодировок {codings}",
        "ok: {items} бірлік, {versions} редакция, {codings} кодтау",
    ),
    "no problems": ("проблем нет", "ақау жоқ"),
    "warnings: {n}": ("предупреждений: {n}", "ескертулер: {n}"),
    "errors: {n}": ("ошибок: {n}", "қателер: {n}"),
    "--warnings lists them": ("--warnings перечисляет их", "--warnings оларды тізіп көрсетеді"),
    # akims
    "P appointed by the President; +PM on the PM's proposal; +M with maslikhat consent; +M2 from two or"
    " more nominees voted on by maslikhats; A by a higher akim; A+M by a higher akim with maslikhat"
    " consent; eM/eS elected by the maslikhat or local soviet; E elected directly; E~ direct elections"
    " rolling out; ? unknown": (
        "P назначается Президентом; +PM по представлению Премьер-Министра; +M с согласия маслихата;"
        " +M2 из двух и более кандидатов, за которых голосуют маслихаты; A назначается вышестоящим"
        " акимом; A+M вышестоящим акимом с согласия маслихата; eM/eS избирается маслихатом или местным"
        " советом; E избирается населением; E~ вводятся прямые выборы; ? неизвестно",
        "P Президент тағайындайды; +PM Премьер-Министрдің ұсынуымен; +M мәслихаттың келісімімен;"
        " +M2 мәслихаттар дауыс берген екі не одан көп кандидаттың ішінен; A жоғары тұрған әкім"
        " тағайындайды; A+M мәслихаттың келісімімен жоғары тұрған әкім тағайындайды; eM/eS мәслихат"
        " немесе жергілікті кеңес сайлайды; E тұрғындар тікелей сайлайды; E~ тікелей сайлау енгізілуде;"
        " ? белгісіз",
    ),
    "Directness of each unit: {steps}; E~ mixes two rules by the dated share of units.": (
        "Прямота для каждой единицы: {steps}; E~ сочетает два порядка по датированной доле единиц.",
        "Әр бірліктің тікелейлігі: {steps}; E~ екі тәртіпті бірліктердің күні көрсетілген үлесі"
        " бойынша араластырады.",
    ),
    "Directness of akim selection on 31 Dec (0 appointed by the centre, 1 elected directly)": (
        "Прямота избрания акимов на 31 декабря (0 назначение центром, 1 прямые выборы)",
        "31 желтоқсандағы әкімдерді сайлаудың тікелейлігі (0 орталық тағайындайды, 1 тікелей сайлау)",
    ),
    "* a break: the tiers behind the national index change that year:": (
        "* разрыв: в этот год меняются уровни, из которых складывается индекс по стране:",
        "* үзіліс: сол жылы ел бойынша индекс құралатын деңгейлер өзгереді:",
    ),
    "{tier} left out ({reason})": ("{tier} исключён ({reason})", "{tier} есептен шығарылды ({reason})"),
    "{tier} back in": ("{tier} снова учтён", "{tier} қайта есепке алынды"),
    "Fixed weights, units (count of): {list}": (
        "Постоянные веса, число единиц (дата подсчёта): {list}",
        "Тұрақты салмақтар, бірліктер саны (есеп күні): {list}",
    ),
    "Rollouts, share of units under the new rule:": (
        "Переходы: доля единиц при новом порядке:",
        "Көшу кезеңдері: жаңа тәртіпке көшкен бірліктердің үлесі:",
    ),
    "share {new} unknown (at most {high})": (
        "доля «{new}» неизвестна (не более {high})",
        "«{new}» үлесі белгісіз (ең көбі {high})",
    ),
    "as reported on {date}": ("по подсчёту на {date}", "{date} күнгі есеп бойынша"),
    "interpolated between {a} and {b}": (
        "интерполировано между {a} и {b}",
        "{a} мен {b} аралығында интерполяцияланған",
    ),
    "as of {date}, a lower bound": ("на {date}, нижняя граница", "{date} күнгі, төменгі шек"),
    "no dated count yet": ("датированного подсчёта ещё нет", "күні көрсетілген есеп әлі жоқ"),
    "; total taken from the tier's recorded units": (
        "; общее число взято из записанного числа единиц уровня",
        "; жалпы саны деңгейдің тіркелген бірліктер санынан алынды",
    ),
    # matrix
    "Powers across versions (● sole, ◐ shared, · absent; ! low confidence)": (
        "Полномочия по редакциям (● единолично, ◐ совместно, · отсутствует; ! низкая достоверность)",
        "Өкілеттіктер редакциялар бойынша (● дербес, ◐ бірлесіп, · жоқ; ! сенімділігі төмен)",
    ),
    "Showing items 1–{count} of {total}. Choose items with --item or --domain, or use a wider terminal.": (
        "Показаны пункты 1–{count} из {total}. Выберите пункты с --item или --domain или расширьте терминал.",
        "{total} бірліктің 1–{count} бірліктері көрсетілді. Бірліктерді --item немесе --domain арқылы"
        " таңдаңыз немесе терминалды кеңейтіңіз.",
    ),
    "Showing the {count} most recent of {total} versions ({first} to {last}). For the others: --to {left}"
    " (or --from/--to), --transpose for versions as rows, or a wider terminal.": (
        "Показаны последние редакции: {count} из {total} ({first}–{last}). Остальные: --to {left}"
        " (или --from/--to), --transpose — редакции строками, или более широкий терминал.",
        "{total} редакцияның соңғы {count} редакциясы көрсетілді ({first}–{last}). Қалғандары: --to"
        " {left} (немесе --from/--to), --transpose редакцияларды жол ретінде көрсетеді, немесе кеңірек"
        " терминал.",
    ),
}

_INDEX = {"ru": 0, "kk": 1}


def tr(en: str, lang: str = "en", **fields: Any) -> str:
    """The English text `en` in `lang` (English when the language or the word is not here), filled.

    A key may name its sense after "|" ("from|value"): English shows what comes before it."""
    i = _INDEX.get(lang)
    text = en.split("|")[0] if i is None or en not in WORDS else WORDS[en][i]
    return text.format(**fields) if fields else text


def heads(lang: str, *names: str) -> list[str]:
    """Several headings at once."""
    return [tr(n, lang) for n in names]
