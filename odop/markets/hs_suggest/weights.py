"""The weights of an HS suggestion's score and its confidence (pure constants): what each part
of `index.HSIndex.suggest`'s score rewards, and why. Change `SUGGESTER_VERSION` with any of them."""

from typing import Final

# Which rules made a stored suggestion (`ProductHSCode.suggester_version`): change it with any
# change to the ranking, so `odop bootstrap` refreshes suggestions made by older rules.
SUGGESTER_VERSION: Final = "2026-12-04.4"

COSINE_WEIGHT: Final = 0.55
NAME_WEIGHT: Final = 0.35
SECTOR_WEIGHT: Final = 0.10
# The head of each part of the name (its last word the nomenclature knows: "oil" of "Mustard
# Oil", "yarn" of "Cotton Yarn", "rice" of "Food products - Rice") says what the product is; the
# other words say of what. A candidate whose heading or subheading text holds a head (or the
# nomenclature's word for it) earns this much more (issue 13: "Poultry Feed" had gone to
# poultry, "Gold Jewellery" to gold).
HEAD_WEIGHT: Final = 0.12
# A name of one word that is the goods themselves ("Jute", "Pearl", "Milk") earns this more in the
# headings whose subject that word is, not articles of it (issue 13: "Pearl" had gone to 7116
# "Articles of ... pearls", "Jute" to 5307 jute yarn, "Milk" to 0405 butter).
BARE_WEIGHT: Final = 0.1
# Farms, boats and dairies sell their goods as they are: for a product of these sectors, a
# heading of goods raw, fresh or not yet worked earns RAW_WEIGHT ("Cotton" of the farm is
# 5201 "not carded or combed", not cotton fabric; prawns of a fishery are 0306, not 1605
# "prepared or preserved").
RAW_SECTORS: Final = frozenset({"agriculture", "marine", "dairy"})
RAW_WEIGHT: Final = 0.05
# A name that says its goods are processed ("Processed cashew nuts", `names.NAME_SAYS_PROCESSED`)
# earns this in headings of goods prepared or preserved (`headings.PREPARED`) and loses it in
# raw headings.
PROCESSED_WEIGHT: Final = 0.2
# A product whose name names its material (`headings.material_chapters`: "Zinc Utensils") earns
# this in that material's chapters and loses it in other materials' chapters; a heading of
# stainless or other alloy steel loses it for steel not said to be either (`ALLOY_STEEL`).
MATERIAL_WEIGHT: Final = 0.2
# The most a candidate can earn; stored scores are shares of it (`_score_share`), so they stay
# in [0, 1] as ProductHSCode's constraint requires, whatever bonuses are added.
SCORE_MAX: Final = (
    COSINE_WEIGHT
    + NAME_WEIGHT
    + SECTOR_WEIGHT
    + HEAD_WEIGHT
    + BARE_WEIGHT
    + RAW_WEIGHT
    + PROCESSED_WEIGHT
    + MATERIAL_WEIGHT
)
# A head word among a heading's subject (`subject_words`) earns all of HEAD_WEIGHT; one further
# on ("Oil seeds ..." for "Mustard Oil") earns this share.
HEAD_ELSEWHERE_CREDIT: Final = 0.75
# ... and a head word that only says what the heading's goods are for ("Wooden frames for
# paintings", "Machinery for making bread") earns less still: the goods are the frames.
HEAD_PURPOSE_CREDIT: Final = 0.25

NAME_REPEAT: Final = 3.0  # a name word counts as much as three description words
HEADING_WEIGHT: Final = 0.5  # heading words in a subheading's text, relative to its own
CHAPTER_WEIGHT: Final = 0.25
# Where a name word sits in the candidate's text decides how much of the name bonus it earns.
NAME_PLACE_CREDIT: Final = {"subheading": 1.0, "heading": 0.7, "chapter": 0.4}
# A subheading of parts, waste or scrap ("Musical instruments; parts and accessories") loses
# this much for a product whose name does not ask for parts or waste (issue 13).
AUXILIARY_PENALTY: Final = 0.15
# A residual heading (one the nomenclature marks "n.e.c.") is for goods no named heading
# describes: the most specific description is preferred (General Interpretative Rule 3(a)), so
# on a near tie the named heading wins ("Eluru Cotton Sarees": 5208, not 5212 "Other woven
# fabrics of cotton, n.e.c. in chapter 52").
RESIDUAL_PENALTY: Final = 0.03
# Confidence (issue 13): how far the best heading's score stands above the best other
# heading's, as a share of this margin (1.0 at or above it); only the first suggestion can have
# any, and only when its heading holds the name's head word (`HEAD_WEIGHT`).
CONFIDENCE_FULL_MARGIN: Final = 0.2
# Public pages and the export profile use an unconfirmed suggestion only from this confidence
# (a margin of 0.14), marked as a suggestion; below it, nothing until an officer decides. Set
# on the two development sets (112 names, docs/benchmarks.md): every first suggestion at 0.67
# or more was right (50), the two highest wrong ones were at 0.66 and 0.56.
CONFIDENCE_PUBLIC_MIN: Final = 0.70
# A name word no list of words knows is read as the nomenclature word it misspells by one
# letter too few or too many, when only one is that near (`names.NameReader.spelt`), from this
# many letters of its stem ("Studded gold jewllery" had gone to 7108 gold, not jewellery).
# Shorter words and other edits met other words on the list's names (willow: pillow,
# chanderi: chandeli, tribal: trial).
TYPO_MIN_LENGTH: Final = 7
