"""The units of the demo city: 咸宁市 (湖北), its counties and departments, with real GB/T 2260 codes.

Hosts follow 国办发〔2017〕47号: portals ``www.<pinyin>.gov.cn``, departments ``<abbr>.<portal>.gov.cn``.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Region:
    code: str          # GB/T 2260, 6 digits
    name: str          # 咸安区
    pinyin: str        # xianan
    group: str         # 所属地区 in the 通报: 市直 for the city itself


CITY = Region("421200", "咸宁市", "xianning", "市直")
COUNTIES = (
    Region("421202", "咸安区", "xianan", "咸安区"),
    Region("421281", "赤壁市", "chibi", "赤壁市"),
    Region("421221", "嘉鱼县", "jiayu", "嘉鱼县"),
    Region("421222", "通城县", "tongcheng", "通城县"),
    Region("421223", "崇阳县", "chongyang", "崇阳县"),
    Region("421224", "通山县", "tongshan", "通山县"),
)

# (abbreviation for the host, unit name without the region prefix, has external services)
DEPARTMENTS = (
    ("jyj", "教育局", True), ("lyj", "林业局", True), ("fgw", "发展和改革委员会", True),
    ("sjj", "审计局", True), ("sfj", "司法局", True), ("slj", "水利和湖泊局", True),
    ("jxj", "经济和信息化局", True), ("tyjrswj", "退役军人事务局", True), ("zjj", "住房和城乡建设局", True),
    ("jtj", "交通运输局", True), ("wjw", "卫生健康委员会", True), ("mzj", "民政局", True),
    ("czj", "财政局", True), ("rsj", "人力资源和社会保障局", True), ("tjj", "统计局", True),
    ("sthjj", "生态环境局", True), ("nyncj", "农业农村局", True), ("swj", "商务局", True),
    ("whlyj", "文化和旅游局", True), ("scjgj", "市场监督管理局", True), ("yjj", "应急管理局", True),
    ("ybj", "医疗保障局", True), ("zrzyj", "自然资源和规划局", True), ("gaj", "公安局", True),
    # appended for larger cities (a simulated province): the first 103 units keep their order and codes
    ("tyj", "体育局", False), ("qxj", "气象局", True), ("dag", "档案馆", True), ("xfj", "信访局", True),
    ("jgswj", "机关事务管理局", False), ("zwfwj", "政务服务和大数据管理局", True), ("rfb", "人民防空办公室", True),
    ("gxs", "供销合作社", False),
)
FIRST_DEPARTMENTS = 24      # the city's departments in the first 103 units
COUNTY_DEPARTMENTS = 12     # each county's departments in the first 103 units


@dataclass(frozen=True, slots=True)
class Unit:
    site_code: str
    name: str          # 网站名称
    organizer: str     # 主办单位
    region: Region
    is_portal: bool
    host: str
    unit: str          # the unit's own name, used in prose
    has_services: bool


def _portal(region: Region, serial: int) -> Unit:
    name = f"{region.name}人民政府"
    return Unit(f"{region.code}{serial:04d}", f"{name}门户网站" if region is CITY else name,
                f"{name}办公室", region, True, f"www.{region.pinyin}.gov.cn", name, True)


def _department(region: Region, dept: tuple[str, str, bool], serial: int) -> Unit:
    abbr, dname, services = dept
    full = f"{region.name}{dname}"
    return Unit(f"{region.code}{serial:04d}", full, full, region, False,
                f"{abbr}.{region.pinyin}.gov.cn", full, services)


def all_units() -> list[Unit]:
    """Every unit in a stable order: city portal, county portals, city departments, county departments,
    then (231 units in all) the city's further departments and the counties' other departments."""
    numbered = list(enumerate(DEPARTMENTS))
    units = [_portal(CITY, 1)]
    units += [_portal(r, 1) for r in COUNTIES]
    units += [_department(CITY, d, i + 2) for i, d in numbered[:FIRST_DEPARTMENTS]]
    for r in COUNTIES:
        units += [_department(r, d, i + 2) for i, d in numbered[:COUNTY_DEPARTMENTS]]
    units += [_department(CITY, d, i + 2) for i, d in numbered[FIRST_DEPARTMENTS:]]
    for r in COUNTIES:
        units += [_department(r, d, i + 2) for i, d in numbered[COUNTY_DEPARTMENTS:]]
    return units


# Abbreviations of the province for ICP/公网安备 numbers.
PROVINCE_ABBR = "鄂"
