"""A sample document exercising every block: memo, lists, a long landscape plan table with
merged cells, a chart, signatures. Used by the tests, the benchmark and as an example for
layout authors. The wording follows real plan documents (layout A of the brief)."""

from __future__ import annotations

from prongsai.core.thai import Digits
from prongsai.documents import charts
from prongsai.documents import model as m

ISSUES = [
    "กระบวนการปฏิบัติงานที่โปร่งใสและมีประสิทธิภาพ",
    "การให้บริการและระบบ E-Service",
    "ช่องทางและรูปแบบการประชาสัมพันธ์เผยแพร่ข้อมูลข่าวสารภาครัฐ",
    "กระบวนการกำกับดูแลการใช้ทรัพย์สินของราชการ",
    "กระบวนการสร้างความโปร่งใสในการใช้งบประมาณและการจัดซื้อจัดจ้าง",
    "กระบวนการควบคุมตรวจสอบการใช้อำนาจและการบริหารงานบุคคล",
    "กลไกและมาตรการในการแก้ไขและป้องกันการทุจริตในหน่วยงาน",
]
FINDINGS = [
    "ผู้รับบริการเห็นว่าเจ้าหน้าที่ยังชี้แจงขั้นตอนและระยะเวลาการให้บริการได้ไม่ชัดเจน",
    "บุคลากรบางส่วนไม่ทราบแนวทางการยืมทรัพย์สินของราชการไปใช้ปฏิบัติงาน",
    "การเผยแพร่ข้อมูลการจัดซื้อจัดจ้างรายเดือนยังไม่ครบถ้วนและไม่เป็นปัจจุบัน",
    "ช่องทางการร้องเรียนการทุจริตยังไม่เป็นที่รู้จักของประชาชนในพื้นที่ ต้องปรับปรุงอย่างเร่งด่วน",
]
STEPS = [
    "แต่งตั้งคณะทำงานขับเคลื่อนมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
    "จัดทำคู่มือหรือมาตรฐานการปฏิบัติงานและเผยแพร่ทางเว็บไซต์ของหน่วยงาน",
    "ประชุมชี้แจงขั้นตอนให้บุคลากรทุกคนรับทราบ พร้อมทั้งตั้งจุดประชาสัมพันธ์ที่ศูนย์บริการ",
    "ติดตามประเมินผลและรายงานผลการดำเนินงานต่อผู้บริหารทุกไตรมาส",
]
UNITS = ["สำนักปลัด", "กองคลัง", "กองช่าง", "กองการศึกษา ศาสนาและวัฒนธรรม", "หน่วยตรวจสอบภายใน"]
SPECIAL = 'อักขระพิเศษ #include $100 *ตัวหนา* _ขีดเส้น_ <label> @ref [ลิงก์] \\n "คำพูด" = ตามตัวอักษร'


def plan_table(rows: int = 40) -> m.Table:
    """A layout-A plan table: each issue spans several ITA questions (merged cells)."""
    columns = [
        m.Column("ประเด็น", 1.3),
        m.Column("ข้อคำถาม ITA", 0.8),
        m.Column("ข้อค้นพบ", 1.8),
        m.Column("ขั้นตอน/วิธีการปฏิบัติ", 2.8),
        m.Column("ระยะเวลาดำเนินการ", 1.3),
        m.Column("ผู้รับผิดชอบ", 1.2),
    ]
    header = [
        [
            m.Cell("ประเด็น", rowspan=2),
            m.Cell("ข้อคำถาม ITA", rowspan=2),
            m.Cell("ข้อค้นพบ", rowspan=2),
            m.Cell("ขั้นตอน/วิธีการปฏิบัติ", rowspan=2),
            m.Cell("การดำเนินงาน", colspan=2),
        ],
        [m.Cell("ระยะเวลาดำเนินการ"), m.Cell("ผู้รับผิดชอบ")],
    ]
    body: list[list[m.CellLike]] = []
    per_issue = 3
    for i in range(rows):
        row: list[m.CellLike] = []
        if i % per_issue == 0:
            issue = ISSUES[(i // per_issue) % len(ISSUES)]
            span = min(per_issue, rows - i)
            row.append(m.Cell(f"({i // per_issue + 1}) {issue}", rowspan=span, bold=True))
        quarter = i % 4 + 1
        row += [
            m.Cell(m.Run(f"i{i % 30 + 1}", keep_digits=True), align="center"),
            FINDINGS[i % len(FINDINGS)],
            m.Cell([m.NumberedList(STEPS[: 2 + i % 3])]),
            m.Cell(
                [
                    f"ไตรมาส {quarter} ({m.CHECKBOX_TICKED if quarter <= 2 else m.CHECKBOX_EMPTY})",
                    f"ต.ค. 2566 - ก.ย. 2567 {m.TICK}",
                ]
            ),
            " ".join(UNITS[i % len(UNITS) : i % len(UNITS) + 2]),
        ]
        body.append(row)
    return m.Table(columns, body, header, title="ตารางที่ 1 มาตรการส่งเสริมคุณธรรมและความโปร่งใส")


def score_chart(digits_style: Digits = "thai") -> bytes:
    return charts.bar_chart(
        ["การปฏิบัติหน้าที่", "การใช้งบประมาณ", "การใช้อำนาจ", "การใช้ทรัพย์สินของราชการ",
         "การแก้ไขปัญหาการทุจริต", "คุณภาพการดำเนินงาน", "ประสิทธิภาพการสื่อสาร",
         "การปรับปรุงการทำงาน", "การเปิดเผยข้อมูล", "การป้องกันการทุจริต"],
        [99.0, 95.63, 96.49, 93.63, 97.5, 95.88, 93.88, 94.55, 100.0, 100.0],
        title="คะแนนรายตัวชี้วัด ปีงบประมาณ 2566",
        target=85, target_label="เกณฑ์ผ่าน 85",
        digits_style=digits_style, width_cm=15,
    )  # fmt: skip


def sample_document(rows: int = 40, digits: Digits = "thai", chart: bool = True) -> m.Document:
    memo_section = m.Section(
        [
            m.Memo(
                unit="สำนักปลัด องค์การบริหารส่วนตำบลบ้านใหม่ โทร. 0 5312 3456",
                ref="ชม 71203/123",
                date="3 เมษายน 2566",
                subject="รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส รอบ 6 เดือน",
                to="นายกองค์การบริหารส่วนตำบลบ้านใหม่",
            ),
            m.Paragraph(
                "ตามที่ องค์การบริหารส่วนตำบลบ้านใหม่ ได้จัดทำมาตรการส่งเสริมคุณธรรมและความโปร่งใส"
                "ภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. 2566 เพื่อยกระดับผลการประเมินคุณธรรมและความ"
                "โปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) นั้น สำนักปลัดขอรายงานผลการดำเนินการ"
                "ดังนี้",
                indent_first_line=True,
                align="justify",
            ),
            m.NumberedList(
                [
                    "ดำเนินการแล้ว 12 มาตรการ คิดเป็นร้อยละ 75.00",
                    "อยู่ระหว่างดำเนินการ 3 มาตรการ คิดเป็นร้อยละ 18.75",
                    m.Paragraph(["ยังไม่ดำเนินการ ", m.Run("1 มาตรการ", bold=True)]),
                ]
            ),
            m.Paragraph(SPECIAL),
            m.Paragraph(
                [
                    "หลักฐาน: ",
                    m.Run(
                        "https://www.banmai.go.th/ita/2566/o43",
                        url="https://www.banmai.go.th/ita/2566/o43",
                    ),
                ]
            ),
            m.Paragraph("จึงเรียนมาเพื่อโปรดทราบ", indent_first_line=True),
            m.SignatureBlock("นางสาวสมใจ ใฝ่ดี", ["หัวหน้าสำนักปลัด"]),
            m.SignatureRow(
                [
                    m.SignatureBlock(
                        "นายสมชาย ใจดี",
                        ["ปลัดองค์การบริหารส่วนตำบลบ้านใหม่"],
                        before=["ความเห็นปลัด", "ทราบ"],
                    ),
                    m.SignatureBlock(
                        "นายมั่นคง ซื่อตรง",
                        ["นายกองค์การบริหารส่วนตำบลบ้านใหม่"],
                        before=["ความเห็นนายก", "ทราบ"],
                    ),
                ]
            ),
        ]
    )
    plan_blocks: list[m.Block] = [
        m.Heading("มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน", align="center"),
        m.Heading("ประจำปีงบประมาณ พ.ศ. 2567 องค์การบริหารส่วนตำบลบ้านใหม่", level=2, align="center"),
        plan_table(rows),
    ]
    analysis: list[m.Block] = [m.Heading("ผลการประเมินรายตัวชี้วัด", level=2)]
    if chart:
        analysis.append(m.Image(score_chart(digits), width_cm=14, caption="แผนภูมิที่ 1 คะแนนรายตัวชี้วัด"))
    analysis.append(
        m.Paragraph("น้ำ ผู้ใหญ่ ปั่นจักรยาน ศึกษา ตั้งใจ ฤๅษี ญาติ ฐาน กิ่งไม้ ปั๊มน้ำ", space_after=0.3)
    )
    return m.Document(
        "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        [memo_section, m.Section(plan_blocks, "landscape"), m.Section(analysis, "portrait")],
        digits=digits,
        agency="องค์การบริหารส่วนตำบลบ้านใหม่",
        subject="ITA 2567",
    )
