"""Which role each post title carries by default, and which titles sit in each tier forum."""

from sinergi.areas.models import Area
from sinergi.units.models import Post

T = Post.Title
R = Post.Role

ROLE_OF_TITLE: dict[str, str] = {
    T.KAPOLDA: R.UNIT_LEADER,
    T.KAPOLRES: R.UNIT_LEADER,
    T.KAPOLSEK: R.UNIT_LEADER,
    T.KASAT_BINMAS: R.UNIT_LEADER,
    T.BHABINKAMTIBMAS: R.FIELD_OFFICER,
    T.PANGDAM: R.UNIT_LEADER,
    T.DANDIM: R.UNIT_LEADER,
    T.DANRAMIL: R.UNIT_LEADER,
    T.BABINSA: R.FIELD_OFFICER,
    T.GUBERNUR: R.UNIT_LEADER,
    T.BUPATI: R.UNIT_LEADER,
    T.KABAN_KESBANGPOL: R.UNIT_LEADER,
    T.CAMAT: R.UNIT_LEADER,
    T.KASI_TRANTIB: R.FIELD_OFFICER,
    T.KEPALA_DESA: R.UNIT_LEADER,
    T.HUMAS_WRITER: R.HUMAS_WRITER,
    T.HUMAS_EDITOR: R.HUMAS_EDITOR,
    T.ANALYST: R.ANALYST,
    T.OPERATOR: R.ADMIN,
}

# The tier forum of an area: the seats (post titles) that share responsibility for it.
FORUM_NAME: dict[int, str] = {
    Area.Level.VILLAGE: "Tiga Pilar",
    Area.Level.DISTRICT: "Forkopimcam",
    Area.Level.REGENCY: "Forkopimda",
    Area.Level.PROVINCE: "Forkopimda Provinsi",
}
FORUM_SEATS: dict[int, tuple[str, ...]] = {
    Area.Level.VILLAGE: (T.KEPALA_DESA, T.BABINSA, T.BHABINKAMTIBMAS),
    Area.Level.DISTRICT: (T.CAMAT, T.DANRAMIL, T.KAPOLSEK),
    Area.Level.REGENCY: (T.BUPATI, T.DANDIM, T.KAPOLRES, T.KABAN_KESBANGPOL),
    Area.Level.PROVINCE: (T.GUBERNUR, T.PANGDAM, T.KAPOLDA),
}
