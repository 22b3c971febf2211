"""Return files for the tests: a messy one, a clean one, one missing a column."""

from django.core.files.uploadedfile import SimpleUploadedFile

from odop.core.tabular import Table, table_from_csv_bytes

HEADER = "state,district,product,period,jobs,sales_inr,exports_inr,jobs_women_share,source\n"

# Line numbers (the header is line 1) are what the report must name.
MESSY = HEADER + (
    'Bihar,Patna,Makhana,2026-Q2,1200,"45,00,000",0,40,DIC Patna\n'  # 2 placed
    "Bihar,Bhagalpore,Bhagalpur Silk,2026-Q2,3000,9000000,1500000,,DIC\n"  # 3 misspelt: placed
    "Bihar,East Champaran,Litchi,2026-Q2,800,2000000,0,60,\n"  # 4 placed
    "Bihar,Purbi Champaran,litchi,2026-Q2,900,2100000,0,,\n"  # 5 duplicate of line 4
    "Bihar,Patna,Mango,2026-Q2,10,1000,0,,\n"  # 6 unknown product
    "Odisha,Kandhamal,Turmeric,2026-Q2,50,5000,0,,\n"  # 7 outside a Bihar officer's scope
    "Bihar,Patna,Makhana,2026-Q1,-5,1000,0,,\n"  # 8 negative number
    "Bihar,Atlantis,Makhana,2026-Q2,1,1,0,,\n"  # 9 no such district
    "Bihar,Patna,Makhana,2026-13,1,1,0,,\n"  # 10 no such period
)

CLEAN_2025 = HEADER + (
    "Bihar,Patna,Makhana,2025-Q2,1000,4000000,0,30,DIC Patna\n"
    "Bihar,Bhagalpur,Bhagalpur Silk,2025-Q2,2500,8000000,1000000,,DIC\n"
)

MISSING_COLUMN = "state,district,product,period,jobs,sales_inr\nBihar,Patna,Makhana,2026-Q2,1,1\n"


def table(text: str, name: str = "return.csv") -> Table:
    return table_from_csv_bytes(text.encode(), name=name)


def upload(text: str, name: str = "return.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")
