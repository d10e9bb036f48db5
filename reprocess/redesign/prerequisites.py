"""What a replacement needs before an agency can run it: law, IT, budget, data.

Every change a pass proposes declares its prerequisites as :class:`Prerequisite`
records: a category (OPDC's obstacle categories ``IT``, ``BUDGET``, ``LAW``, ``DATA``),
a text in Thai and English, the legal reference that allows (or would have to allow)
it, the source agency of a data linkage, and ``needs_law_change``: whether current
law forbids the replacement until an Act, a ministerial regulation, a local ordinance
or a delegation order is changed. ``redesign`` applies a change whose prerequisites
need no law change; the others only with ``assume_law_change=True``.

The constants below are the catalogue of ``domain.md`` sections 2.7 and 4.1: the
enablers each replacement relies on (2565 Act, DGA Act s.13, ETA 2544, the Ministry of
Finance e-payment mandate, the cabinet no-copy policy) and the obstacles that remain.

Examples:
    >>> E_FORM_SYSTEM.category.value, E_FORM_SYSTEM.needs_law_change
    ('IT', False)
    >>> linkage_agreement("กรมการปกครอง", "Department of Provincial Administration").source_agency
    'กรมการปกครอง'
    >>> law_change("กฎกระทรวง", "ministerial regulation", "พ.ร.บ.โรงงาน").needs_law_change
    True
"""

from __future__ import annotations

from reprocess.model.base import Model
from reprocess.model.enums import ObstacleCategory

__all__ = [
    "ACT_2565_E_APPLICATION",
    "ACT_2565_E_DOCUMENT",
    "ACT_2565_NO_COPIES",
    "ASSISTED_COUNTER_STAFF",
    "BUDGET_DEVELOPMENT",
    "DGA_ACT_S13",
    "DIGITAL_ID",
    "ETA_2544",
    "E_FORM_SYSTEM",
    "E_PAYMENT_GATEWAY",
    "E_SARABAN",
    "E_STAMP_DUTY",
    "LAW_FORM_CHECK",
    "MOF_E_PAYMENT",
    "NOTIFICATION_CHANNEL",
    "PKI_SIGNING",
    "Prerequisite",
    "law_change",
    "linkage_agreement",
]


class Prerequisite(Model):
    """One thing a replacement needs: a law, a system, a budget line or a data link.

    Examples:
        >>> p = Prerequisite(category="DATA", text_th="ข้อตกลงเชื่อมโยงข้อมูล",
        ...                  text_en="data-linkage agreement", source_agency="กรมการปกครอง")
        >>> p.describe("en")
        'DATA: data-linkage agreement (กรมการปกครอง)'
    """

    category: ObstacleCategory
    text_th: str
    text_en: str
    legal_reference: str | None = None
    """The Act, section or regulation that allows it, or that would have to change."""
    source_agency: str | None = None
    """For a data linkage: the agency that holds the authoritative data."""
    needs_law_change: bool = False
    """Current law forbids the replacement until the reference is amended."""

    def describe(self, language: str = "en") -> str:
        """Return ``CATEGORY: text (agency; reference)`` in Thai (``th``) or English."""
        text = self.text_th if language == "th" else self.text_en
        extra = "; ".join(x for x in (self.source_agency, self.legal_reference) if x)
        flag = (" [ต้องแก้กฎหมาย]" if language == "th" else " [law change needed]") if (
            self.needs_law_change) else ""
        return f"{self.category.value}: {text}" + (f" ({extra})" if extra else "") + flag


def linkage_agreement(agency_th: str, agency_en: str, *, platform: str = "GDX") -> Prerequisite:
    """Return the DATA prerequisite of fetching data from ``agency`` over ``platform``.

    Allowed under current law (DGA Act s.13, 2565 Act s.12, cabinet 2 Oct 2018) but it
    needs an agreement and an interface with the source agency.

    Examples:
        >>> linkage_agreement("กรมที่ดิน", "Department of Lands").text_en
        'data-linkage agreement and API with Department of Lands via GDX'
    """
    return Prerequisite(
        category=ObstacleCategory.DATA,
        text_th=f"ข้อตกลงการเชื่อมโยงข้อมูลและ API กับ{agency_th} ผ่าน {platform}",
        text_en=f"data-linkage agreement and API with {agency_en} via {platform}",
        legal_reference="พ.ร.บ.การบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. 2562 ม.13",
        source_agency=agency_th,
    )


def law_change(text_th: str, text_en: str, reference: str) -> Prerequisite:
    """Return a LAW prerequisite that current law does not meet (``needs_law_change``).

    Examples:
        >>> law_change("มอบอำนาจ", "delegation", "คำสั่งมอบอำนาจ").category.value
        'LAW'
    """
    return Prerequisite(category=ObstacleCategory.LAW, text_th=text_th, text_en=text_en,
                        legal_reference=reference, needs_law_change=True)


ACT_2565_E_APPLICATION = "พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565 ม.7; พ.ร.บ.อำนวยความสะดวกฯ 2558 ม.7"
"""The right to apply electronically (2565 Act) and the citizen's manual (LFA s.7)."""
ACT_2565_NO_COPIES = "พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565 ม.12; มติ ครม. 2 ต.ค. 2561"
"""No copies of state-issued documents; the agency verifies with the source."""
ACT_2565_E_DOCUMENT = "พ.ร.บ.การปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565 (ออกเอกสารทางอิเล็กทรอนิกส์)"
"""Electronic issuance and communication by default."""
DGA_ACT_S13 = "พ.ร.บ.การบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. 2562 ม.13"
"""Agencies link and exchange the data they hold."""
ETA_2544 = "พ.ร.บ.ว่าด้วยธุรกรรมทางอิเล็กทรอนิกส์ พ.ศ. 2544 (ม.9, ม.26)"
"""Electronic signatures are legally equivalent."""
MOF_E_PAYMENT = "นโยบายกระทรวงการคลัง e-Payment ภาครัฐ 2561; ระบบ e-Payment และ e-Receipt กรมบัญชีกลาง"
"""State agencies accept electronic payment and issue e-receipts."""

E_FORM_SYSTEM = Prerequisite(
    category=ObstacleCategory.IT,
    text_th="ระบบรับคำขอออนไลน์ (e-Form) ของหน่วยงาน หรือเชื่อมต่อ Biz Portal / ทางรัฐ",
    text_en="an online e-form of the agency, or a connection to Biz Portal / Tang Rat",
    legal_reference=ACT_2565_E_APPLICATION,
)
BUDGET_DEVELOPMENT = Prerequisite(
    category=ObstacleCategory.BUDGET,
    text_th="งบประมาณพัฒนาระบบและอบรมเจ้าหน้าที่",
    text_en="a budget line for development and staff training",
)
ASSISTED_COUNTER_STAFF = Prerequisite(
    category=ObstacleCategory.BUDGET,
    text_th="จุดบริการช่วยเหลือด้านดิจิทัล: เครื่องคอมพิวเตอร์ เครื่องอ่านบัตร และเจ้าหน้าที่",
    text_en="an assisted-digital counter: a computer, a card reader and trained staff",
)
DIGITAL_ID = Prerequisite(
    category=ObstacleCategory.IT,
    text_th="เชื่อมต่อการพิสูจน์และยืนยันตัวตนทางดิจิทัล (ThaID / NDID / Digital ID ของ สพร.)",
    text_en="digital identity proofing and login (ThaID / NDID / DGA Digital ID)",
    legal_reference="พ.ร.บ.การบริหารงานและการให้บริการภาครัฐผ่านระบบดิจิทัล พ.ศ. 2562 ม.12(4)",
)
PKI_SIGNING = Prerequisite(
    category=ObstacleCategory.IT,
    text_th="ใบรับรองอิเล็กทรอนิกส์ (PKI) สำหรับลงลายมือชื่อดิจิทัลและระบบตรวจสอบด้วย QR",
    text_en="a PKI certificate for digital signatures and a QR verification service",
    legal_reference=ETA_2544,
)
LAW_FORM_CHECK = Prerequisite(
    category=ObstacleCategory.LAW,
    text_th="ตรวจสอบว่ากฎกระทรวงกำหนดแบบใบอนุญาต/เอกสารเป็นกระดาษหรือไม่ (ปรับแบบได้ตาม พ.ร.บ. 2565)",
    text_en="check whether a ministerial regulation prescribes a paper form (the 2565 Act allows "
    "electronic issuance)",
    legal_reference=ACT_2565_E_DOCUMENT,
)
E_PAYMENT_GATEWAY = Prerequisite(
    category=ObstacleCategory.IT,
    text_th="ระบบรับชำระเงินอิเล็กทรอนิกส์ (QR พร้อมเพย์ / บัตร / KTB Corporate Online) และ e-Receipt",
    text_en="an e-payment channel (PromptPay QR, card, bank gateway) and e-receipts",
    legal_reference=MOF_E_PAYMENT,
)
E_STAMP_DUTY = Prerequisite(
    category=ObstacleCategory.IT,
    text_th="รับชำระอากรแสตมป์ทางอิเล็กทรอนิกส์ (e-Stamp Duty กรมสรรพากร)",
    text_en="stamp duty paid electronically (Revenue Department e-Stamp Duty)",
    legal_reference="ประมวลรัษฎากร; ระบบ e-Stamp Duty กรมสรรพากร",
)
NOTIFICATION_CHANNEL = Prerequisite(
    category=ObstacleCategory.IT,
    text_th="ช่องทางแจ้งเตือนอิเล็กทรอนิกส์ (SMS / อีเมล / กล่องข้อความทางรัฐ) และติดตามสถานะ",
    text_en="an electronic notification channel (SMS, e-mail, Tang Rat inbox) and status tracking",
    legal_reference="ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ (ฉบับที่ 4) พ.ศ. 2564",
)
E_SARABAN = Prerequisite(
    category=ObstacleCategory.IT,
    text_th="ระบบสารบรรณอิเล็กทรอนิกส์ (e-Saraban) / ระบบงาน (workflow) ภายในหน่วยงาน",
    text_en="an electronic correspondence (e-Saraban) or workflow system",
    legal_reference="ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ (ฉบับที่ 4) พ.ศ. 2564",
)
