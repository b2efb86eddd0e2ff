"""A small part of the Kemendagri tree with the names of the village-search cases: Kumpang Bis in
Kabupaten Sekadau, two Suka Maju in Bengkayang, and regencies holding Sukamaju villages (23 in
all, more than one page of 20). The test territory has none of them."""

SEARCH_TERRITORY = [
    "61.09",
    "61.07",
    "32.76",
    "32.78",
    "32.02",
    "12.75",
    "12.72",
    "76.06",
    "16.12",
    "14.06",
    "18.09",
    "73.07",
    "11.75",
    "75.02",
]
KUMPANG_BIS = "61.09.05.2005"  # Desa Kumpang Bis, Kecamatan Belitang Hilir, Kabupaten Sekadau
SUKAMAJU_COUNT = 23
