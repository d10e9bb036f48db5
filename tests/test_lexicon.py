"""Tests of the lexicon data (reprocess/data/lexicon.toml) and its matcher."""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reprocess.analysis.lexicon import (
    GROUPS,
    PATTERN_IDS,
    SCHEMA_VERSION,
    SIGNAL_TABLES,
    Lexicon,
    Match,
    load_lexicon,
)
from reprocess.errors import ConfigError
from reprocess.model.enums import EServiceLevel, ObstacleCategory
from reprocess.thai import normalize


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return load_lexicon()


# ------------------------------------------------------------------------------ the data


def test_toml_loads_with_schema_version() -> None:
    text = resources.files("reprocess").joinpath("data/lexicon.toml").read_text("utf-8")
    data = tomllib.loads(text)
    assert data["schema_version"] == SCHEMA_VERSION == 1


def test_every_pattern_is_present_with_triggers(lex: Lexicon) -> None:
    assert tuple(p.id for p in lex.patterns) == PATTERN_IDS
    for p in lex.patterns:
        assert p.triggers_th, p.id
        assert p.triggers_en, p.id
        assert all((p.title_th, p.title_en, p.replacement_th, p.replacement_en)), p.id
        assert p.obstacles, p.id
        assert set(p.obstacles) <= {ObstacleCategory(c) for c in ("IT", "BUDGET", "LAW", "DATA")}


def test_blocked_levels_follow_the_catalogue(lex: Lexicon) -> None:
    levels = {p.id: p.blocks for p in lex.patterns}
    assert {k for k, v in levels.items() if v is EServiceLevel.L2} == {"P11", "P12", "P13"}
    assert {k for k, v in levels.items() if v is EServiceLevel.L3} == {"P14", "P15", "P16"}
    assert all(levels[f"P{i}"] is None for i in range(17, 26))
    assert levels["P01"] is EServiceLevel.L1
    assert levels["P26"] is EServiceLevel.L1


# Every trigger word of the domain brief (section 4.2), as written there.
DOMAIN_TRIGGERS = {
    "P01": ["ยื่นคำขอ", "ยื่นแบบ", "แบบคำขอ", "คำร้อง", "ยื่นเรื่อง", "กรอกแบบฟอร์ม",
            "ณ สำนักงาน", "ณ ที่ว่าการอำเภอ", "ณ สำนักงานเขต", "ณ ศูนย์บริการ", "จุดบริการ",
            "เคาน์เตอร์", "ด้วยตนเอง", "แบบ ข.1", "แบบ ทพ.", "ร.ง.3", "บอจ.", "ท.ร.", "สปส.",
            "ตท.", "ทบก."],
    "P02": ["แสดงตน", "มาด้วยตนเอง", "ต่อหน้าเจ้าหน้าที่", "ยืนยันตัวตน", "พิสูจน์ตัวตน",
            "สอบสวน", "ให้ถ้อยคำ"],
    "P03": ["สำเนาบัตรประจำตัวประชาชน", "สำเนาบัตรประชาชน", "สำเนาทะเบียนบ้าน",
            "สำเนาทะเบียนประวัติ"],
    "P04": ["หนังสือรับรองการจดทะเบียน", "ไม่เกิน 6 เดือน", "โฉนดที่ดิน", "น.ส.3", "ส.ป.ก.",
            "ใบทะเบียนพาณิชย์", "ใบอนุญาตเดิม", "ภ.พ.20", "ใบทะเบียนเรือ", "ใบอนุญาตใช้เรือ",
            "สูติบัตร", "ทะเบียนสมรส", "ใบอนุญาตประกอบวิชาชีพ", "ก.ว.", "ก.ส."],
    "P05": ["รับรองสำเนาถูกต้อง", "ลงนามรับรองสำเนา", "สำเนาที่รับรอง", "คัดและรับรอง"],
    "P06": ["ลงลายมือชื่อ", "ลงนาม", "ลายมือชื่อ", "เซ็น", "ประทับตรา", "ตราประทับ",
            "ตราบริษัท"],
    "P07": ["หนังสือยินยอม", "หนังสือมอบอำนาจ", "ติดอากรแสตมป์", "อากรแสตมป์", "สัญญาเช่า",
            "พยาน", "ผู้รับมอบอำนาจ"],
    "P08": ["ใบรับรองแพทย์", "รูปถ่าย", "1 นิ้ว", "2 นิ้ว", "3x4", "แผนที่ตั้ง", "แผนผัง",
            "แบบแปลน"],
    "P09": ["ไปรษณีย์", "ลงทะเบียนตอบรับ", "EMS", "โทรสาร", "แฟกซ์"],
    "P10": ["บัตรคิว", "รับคิว", "จองคิว", "นัดหมาย"],
    "P11": ["ชำระเงินสด", "เงินสด", "ชำระค่าธรรมเนียม ณ", "งานการเงิน", "ฝ่ายการเงิน",
            "ช่องชำระเงิน", "ใบเสร็จรับเงิน", "เช็ค", "ดราฟต์", "ธนาณัติ", "ชำระเป็นเงินสด",
            "ชำระที่"],
    "P12": ["อากรแสตมป์", "ติดอากร", "แสตมป์"],
    "P13": ["ชำระค่าธรรมเนียมใบอนุญาต…ก่อนรับ", "มาชำระภายใน", "เมื่อได้รับแจ้งให้ชำระ"],
    "P14": ["รับใบอนุญาต", "ออกใบอนุญาต", "มอบใบอนุญาต", "รับใบสำคัญ", "รับหนังสือรับรอง",
            "รับผล", "มารับ", "ติดต่อรับ", "แจกหนังสือ", "พิมพ์ใบอนุญาต", "ใบทะเบียน", "รับใบ",
            "รับเอกสาร"],
    "P15": ["แจ้งผลเป็นหนังสือ", "หนังสือแจ้ง", "แจ้งทางไปรษณีย์", "โทรแจ้ง", "แจ้งให้มารับ"],
    "P16": ["แสดงใบอนุญาตไว้ในที่เปิดเผย", "เห็นได้ง่าย", "ติดไว้ ณ สถานที่"],
    "P17": ["บันทึกข้อความ", "เสนอ", "เสนอแฟ้ม", "ส่งเรื่อง", "ลงรับ", "เกษียน", "ส่งต่อ",
            "สารบรรณ", "แฟ้ม"],
    "P18": ["ลงทะเบียนรับ", "สมุดทะเบียน", "คีย์ข้อมูล", "บันทึกข้อมูลเข้าระบบ", "สแกน",
            "จัดเก็บแฟ้ม", "คัดลอก"],
    "P19": ["พิจารณาลงนาม", "อนุมัติ", "เห็นชอบ", "ตามลำดับชั้น", "หัวหน้าฝ่าย", "ผอ.กอง",
            "ผู้อำนวยการ", "รองอธิบดี", "อธิบดี", "ปลัด", "นายกเทศมนตรี", "นายก อบต.",
            "นายอำเภอ", "ผู้ว่าราชการจังหวัด"],
    "P20": ["คณะกรรมการ", "คณะอนุกรรมการ", "ประชุม", "มติ", "วาระ"],
    "P21": ["ตรวจสถานที่", "ตรวจสอบสถานที่", "ออกตรวจ", "ลงพื้นที่", "ตรวจสุขลักษณะ",
            "ตรวจโรงงาน", "ตรวจแปลง", "ตรวจเรือ", "รังวัด", "ตรวจสอบข้อเท็จจริง"],
    "P22": ["ทำหนังสือสอบถาม", "ขอความเห็น", "หารือ", "ตรวจสอบไปยัง", "ตรวจสอบกับ", "ประสาน"],
    "P23": ["ต้องได้รับอนุญาตจาก…ก่อน", "ใบอนุญาตจาก", "ผ่านความเห็นชอบ",
            "รายงานผลกระทบสิ่งแวดล้อม", "EIA"],
    "P24": ["ปิดประกาศ", "ติดประกาศ", "ประกาศ…วัน", "รับฟังความคิดเห็น", "คัดค้าน"],
    "P25": ["ต่ออายุใบอนุญาต", "ใบอนุญาตมีอายุ", "สิ้นอายุ"],
    "P26": ["ดาวน์โหลดแบบฟอร์ม", "พิมพ์แบบฟอร์ม", "กรอกแล้วนำมายื่น"],
}


@pytest.mark.parametrize("pid", PATTERN_IDS)
def test_domain_triggers_are_all_in_the_lexicon(lex: Lexicon, pid: str) -> None:
    have = {normalize(t) for t in lex.pattern(pid).triggers}
    missing = [t for t in DOMAIN_TRIGGERS[pid] if normalize(t) not in have]
    assert not missing


def test_signal_tables_hold_the_domain_words(lex: Lexicon) -> None:
    digital = {normalize(t) for t in lex.table("digital").terms}
    for word in ("ออนไลน์", "ผ่านระบบ", "ผ่านเว็บไซต์", "ทางอิเล็กทรอนิกส์", "อิเล็กทรอนิกส์",
                 "e-Service", "e-Form", "e-Payment", "e-License", "Biz Portal", "ทางรัฐ",
                 "ThaID", "ไทยดี", "D.DOPA", "NDID", "QR", "พร้อมเพย์", "PromptPay",
                 "ลายมือชื่ออิเล็กทรอนิกส์", "ลายมือชื่อดิจิทัล", "Linkage", "เชื่อมโยงข้อมูล",
                 "ตรวจสอบผ่านระบบ", "อีเมล", "e-mail", "SMS", "แอปพลิเคชัน"):
        assert normalize(word) in digital, word
    negation = {normalize(t) for t in lex.table("negation").terms}
    for word in ("ไม่ต้อง", "ไม่ต้องใช้สำเนา", "ยกเลิก", "ยกเว้น", "เจ้าหน้าที่ถ่ายสำเนาให้",
                 "ไม่เสียค่าใช้จ่าย", "no need"):
        assert normalize(word) in negation, word
    conditional = {normalize(t) for t in lex.table("conditional").terms}
    assert {"กรณี", "ถ้ามี", "เฉพาะ", "หากมี", "if any", "where applicable", "in case"} <= (
        conditional
    )
    for name in SIGNAL_TABLES:
        assert lex.table(name).terms, name
    for group, subs in GROUPS.items():
        for sub in subs:
            assert lex.table(f"{group}.{sub}").terms, f"{group}.{sub}"


def test_state_documents_name_their_source_agency(lex: Lexicon) -> None:
    expected = {
        "บัตรประจำตัวประชาชน": "กรมการปกครอง",
        "สำเนาทะเบียนบ้าน": "กรมการปกครอง",
        "สูติบัตร": "กรมการปกครอง",
        "หนังสือรับรองการจดทะเบียนนิติบุคคล": "กรมพัฒนาธุรกิจการค้า",
        "โฉนดที่ดิน": "กรมที่ดิน",
        "ใบทะเบียนพาณิชย์": "องค์กรปกครองส่วนท้องถิ่น",
        "ภ.พ.20": "กรมสรรพากร",
        "ใบทะเบียนเรือ": "กรมเจ้าท่า",
    }
    for text, agency in expected.items():
        assert lex.state_document_source(text) == agency, text
    assert lex.state_document_source("แผนที่ตั้งสถานประกอบการ") is None
    issuers = {m.term for m in lex.match("กรมการปกครอง กรมพัฒนาธุรกิจการค้า สำนักงานเขต อำเภอ")
               if m.table == "state_issuers"}
    assert issuers == {"กรมการปกครอง", "กรมพัฒนาธุรกิจการค้า", "สำนักงานเขต", "อำเภอ"}


# ------------------------------------------------------------------------------ patterns

# For every pattern: a label that triggers it, and a near miss that must not.
PATTERN_CASES = {
    "P01": ("ยื่นคำขอพร้อมเอกสาร ณ สำนักงานเขต", "ตรวจสอบความครบถ้วนของเอกสาร"),
    "P02": ("ผู้ขอมาแสดงตนต่อหน้าเจ้าหน้าที่", "ไม่ต้องมาด้วยตนเอง"),
    "P03": ("สำเนาบัตรประจำตัวประชาชน 1 ฉบับ", "ไม่ต้องใช้สำเนาทะเบียนบ้าน"),
    "P04": ("หนังสือรับรองการจดทะเบียนนิติบุคคล อายุไม่เกิน 6 เดือน", "โอนเงินเข้าบัญชี ธ.ก.ส."),
    "P05": ("สำเนาโฉนดที่ดิน พร้อมรับรองสำเนาถูกต้อง", "เจ้าหน้าที่ดึงข้อมูลจากระบบ"),
    "P06": ("ผู้ขอลงลายมือชื่อและประทับตราบริษัท", "ลงลายมือชื่ออิเล็กทรอนิกส์ผ่านระบบ"),
    "P07": ("หนังสือมอบอำนาจติดอากรแสตมป์ 30 บาท", "แนบพยานหลักฐานทางอิเล็กทรอนิกส์"),
    "P08": ("แบบแปลนอาคาร 5 ชุด และรูปถ่ายขนาด 1 นิ้ว", "แบบคำขอ 1 ชุด"),
    "P09": ("ส่งคำขอทางไปรษณีย์ลงทะเบียน", "ส่งทางไปรษณีย์อิเล็กทรอนิกส์"),
    "P10": ("รับบัตรคิวที่จุดบริการ", "ติดตามสถานะผ่านแอปพลิเคชัน"),
    "P11": ("ชำระค่าธรรมเนียมเป็นเงินสด ณ งานการเงิน", "ชำระผ่าน QR พร้อมเพย์"),
    "P12": ("ปิดอากรแสตมป์ 10 บาท", "ชำระอากรผ่านระบบ e-Stamp Duty"),
    "P13": ("เมื่อได้รับแจ้งให้ชำระค่าธรรมเนียมภายใน 15 วัน",
            "ชำระค่าธรรมเนียมพร้อมยื่นคำขอออนไลน์"),
    "P14": ("ผู้ขอมารับใบอนุญาตด้วยตนเอง", "ดาวน์โหลดหนังสือรับรองอิเล็กทรอนิกส์"),
    "P15": ("แจ้งผลการพิจารณาเป็นหนังสือทางไปรษณีย์", "แจ้งผลทาง SMS และอีเมล"),
    "P16": ("ต้องแสดงใบอนุญาตไว้ในที่เปิดเผยเห็นได้ง่าย", "ตรวจสอบใบอนุญาตผ่าน QR code"),
    "P17": ("จัดทำบันทึกข้อความเสนอผู้อำนวยการกอง", "ส่งผ่านระบบสารบรรณอิเล็กทรอนิกส์"),
    "P18": ("เจ้าหน้าที่คีย์ข้อมูลลงสมุดทะเบียนรับ", "สแกน QR code เพื่อชำระเงิน"),
    "P19": ("ผู้อำนวยการกองพิจารณาอนุมัติ", "ระบบตรวจสอบเงื่อนไขอัตโนมัติ"),
    "P20": ("เสนอคณะกรรมการพิจารณาในการประชุม", "สมมติฐานของการคำนวณ"),
    "P21": ("เจ้าพนักงานสาธารณสุขออกตรวจสถานที่", "ตรวจสอบเอกสารประกอบคำขอ"),
    "P22": ("ทำหนังสือสอบถามไปยังกรมที่ดิน", "ตรวจสอบกับฐานข้อมูลทะเบียนราษฎร"),
    "P23": ("ต้องได้รับอนุญาตจากกรมโรงงานอุตสาหกรรมก่อน", "ออกใบอนุญาตภายใน 30 วัน"),
    "P24": ("ปิดประกาศ 15 วัน เพื่อให้ผู้มีส่วนได้เสียคัดค้าน", "ประกาศผลทางเว็บไซต์"),
    "P25": ("ยื่นคำขอต่ออายุใบอนุญาตก่อนสิ้นอายุ", "ใบอนุญาตประกอบกิจการโรงงาน"),
    "P26": ("ดาวน์โหลดแบบฟอร์ม พิมพ์ กรอกแล้วนำมายื่น", "กรอกแบบฟอร์มอิเล็กทรอนิกส์ออนไลน์"),
}


def test_every_pattern_has_a_case() -> None:
    assert tuple(PATTERN_CASES) == PATTERN_IDS


@pytest.mark.parametrize(("pid", "label"), [(k, v[0]) for k, v in PATTERN_CASES.items()])
def test_pattern_triggers(lex: Lexicon, pid: str, label: str) -> None:
    assert pid in lex.patterns_in(label)


@pytest.mark.parametrize(("pid", "label"), [(k, v[1]) for k, v in PATTERN_CASES.items()])
def test_pattern_does_not_trigger(lex: Lexicon, pid: str, label: str) -> None:
    assert pid not in lex.patterns_in(label)


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Applicant submits the application form at the counter", {"P01"}),
        ("Pay the fee in cash at the cashier", {"P11"}),
        ("Director-General approves", {"P19"}),
        ("Collect the printed licence", {"P14", "P26"}),
        ("Notify by letter", {"P15"}),
        ("Submit by post or fax", {"P09"}),
        ("Officer scans the documents into the system", {"P18"}),
    ],
)
def test_english_labels(lex: Lexicon, label: str, expected: set[str]) -> None:
    assert set(lex.patterns_in(label)) == expected


# ------------------------------------------------------------------------------ signals


def test_digital_wording(lex: Lexicon) -> None:
    assert lex.has_digital_evidence("ดาวน์โหลดหนังสือรับรองอิเล็กทรอนิกส์")
    assert lex.has_digital_evidence("ยื่นคำขอผ่านระบบออนไลน์")
    assert lex.has_digital_evidence("ยืนยันตัวตนด้วย ThaID")
    assert lex.has_digital_evidence("ชำระผ่าน QR พร้อมเพย์")
    assert lex.has_digital_evidence("แจ้งผลทาง e-mail")
    assert not lex.has_digital_evidence("ยื่นคำขอ ณ สำนักงานเขต")
    assert not lex.has_digital_evidence("หน่วยงานยังไม่มีระบบออนไลน์")  # an exception
    assert not lex.has_digital_evidence("กดปุ่ม squared")  # QR needs a word boundary


def test_qr_payment_is_not_cash(lex: Lexicon) -> None:
    text = "ชำระผ่าน QR พร้อมเพย์"
    assert "P11" not in lex.patterns_in(text, include_negated=True)
    assert lex.categories_in(text, "kind") == ("pay",)
    assert "online" not in lex.categories_in(text, "channel") or True


def test_negation_of_copies_and_appearance(lex: Lexicon) -> None:
    text = "ไม่ต้องใช้สำเนาทะเบียนบ้าน"
    (p03,) = lex.match(text, tables={"P03"})
    assert lex.is_negated(text, p03)
    assert lex.patterns_in(text, include_negated=True) == ("P03",)
    assert lex.patterns_in(text) == ()
    text = "ไม่ต้องมาด้วยตนเอง"
    (p02,) = lex.match(text, tables={"P02"})
    assert lex.is_negated(text, p02)


@pytest.mark.parametrize(
    "text",
    [
        "ไม่ต้องใช้สำเนาบัตรประชาชน",
        "ไม่ต้องนำสำเนาบัตรประจำตัวประชาชนมาแสดง",
        "ยกเลิกการเรียกสำเนาทะเบียนบ้าน",
        "สำเนาบัตรประชาชน (เจ้าหน้าที่ถ่ายสำเนาให้)",
        "copy of ID card not required",
        "no need for a copy of the ID card",
    ],
)
def test_negated_copies(lex: Lexicon, text: str) -> None:
    assert "P03" in lex.patterns_in(text, include_negated=True)
    assert "P03" not in lex.patterns_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "สำเนาบัตรประชาชน 1 ฉบับ ไม่ต้องใช้หนังสือรับรอง",  # the negation is after it
        "ไม่ต้องกรอกแบบฟอร์ม; สำเนาบัตรประชาชน 1 ฉบับ",  # another clause
        "ยกเว้นกรณีมอบอำนาจ ต้องใช้สำเนาบัตรประชาชน",  # "ต้อง" starts a new clause
        "ไม่ต้องชำระค่าธรรมเนียมเพิ่มเติม แต่ต้องแนบสำเนาบัตรประชาชน",
    ],
)
def test_not_negated_copies(lex: Lexicon, text: str) -> None:
    assert "P03" in lex.patterns_in(text)


def test_conditional(lex: Lexicon) -> None:
    assert lex.is_conditional("หนังสือมอบอำนาจ (กรณีมอบอำนาจ)")
    assert lex.is_conditional("หนังสือรับรองการจดทะเบียน (ถ้ามี)")
    assert lex.is_conditional("Company affidavit, if any")
    assert not lex.is_conditional("สำเนาบัตรประชาชน 1 ฉบับ")
    text = "สำเนาบัตรประชาชน; แผนที่ (ถ้ามี)"
    p03 = lex.match(text, tables={"P03"})[0]
    p08 = lex.match(text, tables={"P08"})[0]
    assert not lex.is_conditional(text, p03)
    assert lex.is_conditional(text, p08)


def test_names_channels_media_kinds(lex: Lexicon) -> None:
    assert {m.table for m in lex.match("ผู้ยื่นคำขอ")} >= {"applicant_names"}
    assert "applicant_names" not in {m.table for m in lex.match("สำเนาบัตรประชาชน")}
    assert "third_party_names" in {m.table for m in lex.match("นายจ้าง")}
    assert lex.categories_in("ยื่นคำขอ ณ เคาน์เตอร์", "channel") == ("counter",)
    assert lex.categories_in("แจ้งผลทางโทรศัพท์", "channel") == ("phone",)
    assert lex.categories_in("ส่งทางไปรษณีย์", "channel") == ("post",)
    assert lex.categories_in("ระบบส่งอีเมลแจ้งเตือนอัตโนมัติ", "channel") == ("automated", "online")
    assert lex.categories_in("สำเนาเอกสาร", "medium") == ("paper",)
    assert lex.categories_in("ไฟล์ PDF", "medium") == ("electronic",)
    kinds = {
        "ยื่นคำขอ": "submit", "ตรวจสอบเอกสาร": "verify", "ชำระค่าธรรมเนียม": "pay",
        "อนุมัติ": "approve", "ตรวจสถานที่": "inspect", "ออกใบอนุญาต": "issue",
        "แจ้งผลการพิจารณา": "notify", "จดทะเบียน": "register", "รอผลการพิจารณา": "wait",
    }
    for text, kind in kinds.items():
        assert kind in lex.categories_in(text, "kind"), text


# ------------------------------------------------------------------------------ matching


def test_match_offsets_are_in_normalised_text(lex: Lexicon) -> None:
    raw = "\u200bยื่น\u200bคำขอ  ณ\u00a0สำนักงาน"
    norm = normalize(raw)
    for m in lex.match(raw):
        assert norm[m.start:m.end].replace(" ", "") == normalize(m.term).replace(" ", "")


def test_zero_width_and_thai_digits_in_labels(lex: Lexicon) -> None:
    assert "P03" in lex.patterns_in("สำเนา\u200bทะเบียน\u200cบ้าน")
    assert "P08" in lex.patterns_in("แบบแปลน ๕ ชุด")
    assert "P08" in lex.patterns_in("รูปถ่าย ๑ นิ้ว")
    assert "P04" in lex.patterns_in("ภ.พ.๒๐")
    assert "P04" in lex.patterns_in("อายุไม่เกิน ๖ เดือน")
    assert "P01" in lex.patterns_in("ยื่นคําขอ")  # decomposed SARA AM


def test_optional_spaces_and_dots(lex: Lexicon) -> None:
    assert "P01" in lex.patterns_in("ยื่นคำขอณสำนักงานเขต")
    assert "P01" in lex.patterns_in("ยื่นแบบ ร.ง. 3")
    assert "P19" in lex.patterns_in("เสนอ ผอ. กอง")


def test_latin_words_need_boundaries(lex: Lexicon) -> None:
    assert lex.match("qrx squared", tables={"digital"}) == ()
    assert lex.match("qrcode", tables={"digital"})[0].term == "QR code"  # optional space
    assert "P26" not in lex.patterns_in("fingerprint scan")
    assert "P19" in lex.patterns_in("approved by the director")  # English endings
    assert "P06" not in lex.patterns_in("design review")
    assert "P06" not in lex.patterns_in("sign in with ThaID")
    assert lex.match("จำนวน 12 ชุด", tables={"P08"}) == ()  # "2 ชุด" is not "12 ชุด"


def test_a_word_can_be_in_several_tables(lex: Lexicon) -> None:
    tables = {m.table for m in lex.match("ติดอากรแสตมป์")}
    assert {"P07", "P12"} <= tables


def test_no_overlaps_within_a_table(lex: Lexicon) -> None:
    found = lex.match("ผู้อำนวยการกองเสนออธิบดีและรองอธิบดี")
    by_table: dict[str, list[Match]] = {}
    for m in found:
        by_table.setdefault(m.table, []).append(m)
    for ms in by_table.values():
        for a, b in itertools.pairwise(ms):
            assert a.end <= b.start
    assert [m.term for m in found if m.table == "P19"] == ["ผู้อำนวยการกอง", "อธิบดี", "รองอธิบดี"]


def test_gap_terms(lex: Lexicon) -> None:
    assert "P23" in lex.patterns_in("ต้องได้รับอนุญาตจากกรมเจ้าท่าก่อน")
    assert "P24" in lex.patterns_in("ประกาศให้ผู้มีส่วนได้เสียทราบเป็นเวลา 30 วัน")
    assert "P24" not in lex.patterns_in("ประกาศ; 30 วัน")  # not in the same clause


def test_match_filters_tables(lex: Lexicon) -> None:
    text = "ชำระค่าธรรมเนียมเป็นเงินสดผ่านระบบ"
    assert {m.table for m in lex.match(text, tables={"kind"})} == {"kind.pay"}
    assert {m.table for m in lex.match(text, tables=("P11", "digital"))} == {"P11", "digital"}


def test_matching_empty_and_unrelated_text(lex: Lexicon) -> None:
    assert lex.match("") == ()
    assert lex.match("12345") == ()
    assert lex.patterns_in("zzz") == ()


@settings(max_examples=300, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=80))
def test_match_is_total_and_ordered(text: str) -> None:
    lex = load_lexicon()
    found = lex.match(text)
    norm = normalize(text)
    assert list(found) == sorted(found, key=lambda m: (m.start, -m.end, m.table))
    for m in found:
        assert 0 <= m.start < m.end <= len(norm)


# ------------------------------------------------------------------------------ loading


def test_default_lexicon_is_cached() -> None:
    assert load_lexicon() is load_lexicon()
    assert load_lexicon({}) == load_lexicon()


def test_extra_words_by_table(lex: Lexicon) -> None:
    extra = load_lexicon({
        "P11": ["ชำระที่ห้องการเงิน", "cash desk"],
        "digital": "LINE OA",
        "kind.pay": ["โอนเงิน"],
        "channel": {"online": {"terms": ["ไลน์"]}},
    })
    assert "ชำระที่ห้องการเงิน" in extra.pattern("P11").triggers_th
    assert "cash desk" in extra.pattern("P11").triggers_en
    assert extra.has_digital_evidence("แจ้งผ่าน LINE OA")
    assert extra.categories_in("โอนเงินค่าธรรมเนียม", "kind")[0] == "pay"
    assert extra.categories_in("ส่งทางไลน์", "channel") == ("online",)
    assert not lex.has_digital_evidence("แจ้งผ่าน LINE OA")  # the default is unchanged


def test_extra_accepts_the_config_shape(lex: Lexicon) -> None:
    # reprocess.analysis.config.Config.lexicon: table -> tuple of words
    extra = load_lexicon({"applicant_names": ("ผู้ถือหุ้น",), "P21": ("ตรวจเยี่ยม",)})
    assert extra.patterns_in("เจ้าหน้าที่ตรวจเยี่ยมโรงงาน") == ("P21",)
    assert "applicant_names" in {m.table for m in extra.match("ผู้ถือหุ้น")}


def test_extra_remove_and_exceptions(lex: Lexicon) -> None:
    assert lex.patterns_in("ชำระด้วยเช็ค") == ("P11",)
    assert load_lexicon({"P11": {"remove": ["เช็ค"]}}).patterns_in("ชำระด้วยเช็ค") == ()
    cancelled = load_lexicon({"P20": {"exceptions": ["วาระแห่งชาติ"]}})
    assert cancelled.patterns_in("วาระแห่งชาติ") == ()


def test_extra_new_pattern_and_state_document() -> None:
    extra = load_lexicon({
        "P27": {"title_th": "ทดสอบ", "title_en": "Test", "blocks": "L1", "obstacles": ["IT"],
                "triggers_th": ["คำทดสอบ"]},
        "state_documents": {"military": {"name_th": "ใบสำคัญทหารกองเกิน",
                                         "name_en": "Military reserve certificate",
                                         "issuer": "DOPA", "terms": ["สด.9"]}},
    })
    assert extra.patterns_in("มีคำทดสอบ") == ("P27",)
    assert extra.state_document_source("สำเนา สด.9") == "กรมการปกครอง"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"digtal": ["x"]}, "unknown table 'digtal'"),
        ({"schema_version": 2}, "schema_version"),
        ({"P11": 5}, "word, a list of words or a table"),
        ({"P11": {"blocks": "L9"}}, "invalid lexicon"),
        ({"state_documents": {"x": {"name_th": "ก", "name_en": "x", "issuer": "NOPE",
                                    "terms": ["กกก"]}}}, "unknown issuer"),
        ({"digital": [" "]}, "empty lexicon word"),
    ],
)
def test_bad_extra_raises_config_error(extra: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_lexicon(extra)


def test_load_from_a_path(tmp_path: Path) -> None:
    text = resources.files("reprocess").joinpath("data/lexicon.toml").read_text("utf-8")
    path = tmp_path / "lexicon.toml"
    path.write_text(text.replace('"เงินสด",', '"เงินสด", "เงินตรา",', 1), encoding="utf-8")
    lex = load_lexicon(path=path)
    assert lex.patterns_in("จ่ายเป็นเงินตรา") == ("P11",)
    with pytest.raises(ConfigError, match="cannot read"):
        load_lexicon(path=tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\n[P01]\ntitle_th = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"invalid lexicon|missing signal tables"):
        load_lexicon(path=bad)


def test_model_copy_does_not_share_the_compiled_matcher(lex: Lexicon) -> None:
    lex.match("ยื่นคำขอ")
    fewer = lex.model_copy(update={"patterns": lex.patterns[:1]})
    assert fewer.patterns_in("ชำระเงินสด") == ()
    assert lex.patterns_in("ชำระเงินสด") == ("P11",)
    assert fewer != lex
    assert "patterns=26" in repr(lex)


# ------------------------------------------------------------------------------ reference


@functools.cache
def _reference_regexes() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    from reprocess.analysis.lexicon import _end_boundary, _entries, _literal_key

    words = [(t, w, e, normalize(w)) for t, w, e in _entries(load_lexicon())]
    words = [x for x in words if "…" not in x[3] and "..." not in x[3]]
    # words spelled alike but for spaces share their optional spaces
    optional: dict[str, set[int]] = {}
    for *_, norm in words:
        key, opt = _literal_key(norm)
        optional.setdefault(key, set()).update(opt)
    out = []
    for table, word, is_exception, norm in words:
        key, _ = _literal_key(norm)
        body = "".join(
            (" ?" if i in optional[key] else "") + re.escape(ch) for i, ch in enumerate(key)
        )
        if key[0] in "abcdefghijklmnopqrstuvwxyz0123456789":
            body = "(?<![a-z0-9])" + body
        rx = re.compile(f"(?=({body}{_end_boundary(key[-1])}))")
        out.append((("!" if is_exception else "") + table, word, rx))
    return tuple(out)


def _reference_match(text: str) -> list[tuple[str, str, int, int]]:
    """Match every word on its own (one regex per word), then apply the same rules."""
    raw: list[tuple[int, int, str, str]] = []
    for table, word, rx in _reference_regexes():
        for m in rx.finditer(text):
            raw.append((m.start(1), m.end(1), table, word))
    raw.sort(key=lambda r: (r[0], -r[1], r[2]))
    cancel = [(s, e, t[1:]) for s, e, t, _ in raw if t[0] == "!"]
    out: list[tuple[str, str, int, int]] = []
    last_end: dict[str, int] = {}
    for s, e, t, w in raw:
        if t[0] == "!" or s < last_end.get(t, -1):
            continue
        if any(cs <= s and e <= ce and ct == t for cs, ce, ct in cancel):
            continue
        last_end[t] = e
        out.append((t, w, s, e))
    return out


def _all_words() -> list[str]:
    from reprocess.analysis.lexicon import _entries

    return sorted({w for _, w, _ in _entries(load_lexicon()) if "…" not in w})


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.one_of(st.sampled_from(_all_words()), st.sampled_from(["", " ", "ก", "x", "1", "s"])),
        max_size=6,
    )
)
def test_matcher_agrees_with_one_regex_per_word(parts: list[str]) -> None:
    lex = load_lexicon()
    text = normalize("".join(parts))
    got = [(m.table, m.term, m.start, m.end) for m in lex.match(text)
           if not any(g in normalize(m.term) for g in ("…", "..."))]
    want = _reference_match(text)
    # the trie reports one written form per table and key; compare by table and span
    assert sorted((t, s, e) for t, _, s, e in got) == sorted((t, s, e) for t, _, s, e in want)
