"""Small BACI-shaped files (t,i,j,k,v,q plus the country and product code files) written to a
folder, for the `odop baci_year` tests. ISO3 codes are real ones, so the real GDP, population
and distance files give every market a figure."""

from pathlib import Path

# BACI numeric code → ISO3, as in country_codes_V202301.csv; 490 has no ISO3 there either.
COUNTRIES = {699: "IND", 842: "USA", 276: "DEU", 784: "ARE", 156: "CHN", 490: ""}
PRODUCTS = {
    "570110": "Carpets; of wool, knotted",
    "520100": "Cotton; not carded or combed",
    "950300": "Toys",
    "100630": "Rice; semi-milled or wholly milled",
}
# (exporter, importer, HS17 product, thousand US$): India sells carpets and rice (RCA > 1),
# some cotton (RCA < 1) and no toys, which China sells.
FLOWS = (
    (699, 842, "570110", 9000.0),
    (699, 276, "570110", 3000.0),
    (699, 784, "570110", 1000.0),
    (699, 842, "100630", 2000.0),
    (699, 784, "100630", 6000.0),
    (699, 156, "520100", 500.0),
    (156, 842, "570110", 2000.0),
    (156, 276, "570110", 1500.0),
    (156, 784, "570110", 2500.0),
    (156, 842, "950300", 40000.0),
    (156, 276, "950300", 20000.0),
    (156, 699, "950300", 1000.0),
    (842, 156, "520100", 30000.0),
    (842, 699, "520100", 1200.0),
    (842, 784, "100630", 800.0),
    (276, 842, "950300", 5000.0),
    (276, 784, "570110", 400.0),
    (784, 699, "100630", 100.0),
    (490, 842, "570110", 50.0),  # no ISO3: skipped and reported
)


def baci_files_write(
    folder: Path, *, year: int = 2020, flows: tuple = FLOWS, extra_lines: str = ""
) -> dict[str, Path]:
    """Write BACI_HS17_Y<year>_V202301.csv and its code files into `folder`; return paths."""
    folder.mkdir(parents=True, exist_ok=True)
    countries = folder / "country_codes_V202301.csv"
    countries.write_text(
        "country_code,country_name_abbreviation,iso_3digit_alpha\n"
        + "".join(
            f"{code},{iso3 or 'Other Asia, nes'},{iso3 or 'N/A'}\n"
            for code, iso3 in COUNTRIES.items()
        ).replace("Other Asia, nes", '"Other Asia, nes"')
    )
    products = folder / "product_codes_HS17_V202301.csv"
    products.write_text(
        "code,description\n" + "".join(f'{int(code)},"{text}"\n' for code, text in PRODUCTS.items())
    )
    trade = folder / f"BACI_HS17_Y{year}_V202301.csv"
    trade.write_text(
        "t,i,j,k,v,q\n"
        + "".join(
            f"{year},{exporter},{importer},{int(product)},{value},NA\n"
            for exporter, importer, product, value in flows
        )
        + extra_lines
    )
    return {"trade": trade, "country_codes": countries, "product_codes": products}
