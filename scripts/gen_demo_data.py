#!/usr/bin/python3
"""Generates the demo province 西地省 as readable CSV files in data/demo/.

Reads the shared teddy2020 data (citizen messages with anonymised places such as
A市, A3区, K6县, M6州, and the three-level taxonomy) and writes:

  regions.csv        code,name,parent,level                      属地: province → city → district
  unit_types.csv     type,name,short_name,levels                 kinds of handling unit
  units.csv          code,name,unit_type,region_code             承办单位, one per (region, type)
  categories.csv     code,name,parent,level                      分类 (三级)
  duty_catalog.csv   category_code,unit_type,region_level,keywords   派单目录
  users.csv          username,display_name,role,unit_code,password   one demo user per role

Python 3 standard library only. Deterministic: re-running gives identical files.

  /usr/bin/python3 scripts/gen_demo_data.py            # generate, then check
  /usr/bin/python3 scripts/gen_demo_data.py --check    # only check the existing files
  options: --data DIR (default $LIANXIN_TEDDY_DIR or /work/shared/data/teddy2020), --out DIR
"""

import argparse
import collections
import csv
import io
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_DATA = os.environ.get("LIANXIN_TEDDY_DIR", "/work/shared/data/teddy2020")
DEFAULT_OUT = os.path.join(ROOT, "data", "demo")
MESSAGE_FILES = ["messages_labeled.jsonl", "messages_with_votes.jsonl",
                 "messages_with_replies.jsonl", "test_unlabeled.jsonl"]
MIN_MENTIONS = 2  # a district/county name must occur at least this often (drops noise)

PROVINCE_CODE, PROVINCE_NAME = "XD", "西地省"

# The seven first-level classes of messages_labeled.jsonl; they must be level-1 categories.
LABELED_L1 = ["城乡建设", "劳动和社会保障", "教育文体", "商贸旅游", "环境保护", "卫生计生", "交通运输"]

# ---------------------------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------------------------

# Prefecture-level names: "A市", and autonomous prefectures written "M6州" (湘西-like: the
# anonymiser gave the 州 a number in its letter's sequence). No letter may precede the match
# ("10KVA4区" is not A4区); a digit may ("2015L4县" is L4县 after a year).
RE_PREFECTURE = re.compile(r"(?<![A-Za-z])([A-Z])(\d{0,2})(市|州)")
RE_DISTRICT = re.compile(r"(?<![A-Za-z])([A-Z])(\d{1,2})(区|县|市)")


def message_texts(data_dir):
    for name in MESSAGE_FILES:
        with open(os.path.join(data_dir, name), encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                o = json.loads(line)
                yield (o.get("title") or "") + "\n" + (o.get("body") or "")


def district_key(name):
    """("A", 3) for "A3区"."""
    m = re.match(r"([A-Z])(\d+)", name)
    return (m.group(1), int(m.group(2)))


def find_regions(data_dir):
    """Returns (regions, report). regions: list of dicts code,name,parent,level."""
    pref_count = collections.Counter()      # "A市" / "M6州" → mentions
    dist_count = collections.Counter()      # "A3区" → mentions
    cooccur = collections.defaultdict(collections.Counter)  # district → prefecture → messages
    for text in message_texts(data_dir):
        prefs = set()
        for m in RE_PREFECTURE.finditer(text):
            letter, digits, suffix = m.groups()
            if suffix == "市" and digits:
                continue  # "A9市" is a county-level city, handled below
            if suffix == "州" and not digits:
                continue  # "A州" does not occur as a prefecture name
            pref_count[m.group(0)] += 1
            prefs.add(m.group(0))
        dists = set()
        for m in RE_DISTRICT.finditer(text):
            dist_count[m.group(0)] += 1
            dists.add(m.group(0))
        for d in dists:
            for p in prefs:
                cooccur[d][p] += 1

    report = {"dropped_rare": [], "dropped_conflict": [], "parent_by_cooccurrence": [],
              "dropped_prefectures": []}

    # District names seen often enough; one name per letter+number (the most frequent suffix:
    # "C3区" ×3 is a residential block of 北辰三角洲, "C3县" ×340 the county).
    by_key = collections.defaultdict(list)
    for name, n in dist_count.items():
        if n < MIN_MENTIONS:
            report["dropped_rare"].append((name, n))
            continue
        by_key[district_key(name)].append((n, name))
    districts = {}
    for key, cands in by_key.items():
        cands.sort(key=lambda c: (-c[0], c[1]))
        districts[key] = cands[0][1]
        for n, name in cands[1:]:
            report["dropped_conflict"].append((name, n, cands[0][1], cands[0][0]))

    # Parent of a district: a prefecture of the same letter. With only "X市" that is X市; where an
    # autonomous prefecture of that letter exists (M6州), the one the district co-occurs with in
    # more messages (ties → X市).
    prefectures = {p for p, n in pref_count.items() if n >= MIN_MENTIONS}
    parent_of = {}
    for key, name in districts.items():
        letter = key[0]
        cands = sorted(p for p in prefectures if p[0] == letter)
        if not cands:
            cands = [letter + "市"]  # keep every letter that has a district
        city = letter + "市"
        if len(cands) > 1:
            best = max(cands, key=lambda p: (cooccur[name][p], p == city))
            if best != city or any(p != city and cooccur[name][p] for p in cands):
                report["parent_by_cooccurrence"].append(
                    (name, best, {p: cooccur[name][p] for p in cands}))
            parent_of[name] = best
        else:
            parent_of[name] = cands[0]

    report["parent_by_cooccurrence"].sort(key=lambda x: district_key(x[0]))
    used = set(parent_of.values())
    for p in sorted(prefectures - used):
        report["dropped_prefectures"].append((p, pref_count[p]))

    def pref_code(p):
        return PROVINCE_CODE + "." + p[:-1]  # "A市" → XD.A, "M6州" → XD.M6

    def pref_sort(p):
        m = re.match(r"([A-Z])(\d*)", p)
        return (m.group(1), int(m.group(2) or 0))

    regions = [dict(code=PROVINCE_CODE, name=PROVINCE_NAME, parent="", level="province")]
    for p in sorted(used, key=pref_sort):
        regions.append(dict(code=pref_code(p), name=p, parent=PROVINCE_CODE, level="city"))
        kids = sorted((district_key(d), d) for d, par in parent_of.items() if par == p)
        for _, d in kids:
            regions.append(dict(code=pref_code(p) + "." + d[:-1], name=d,
                                parent=pref_code(p), level="district"))
    report["mentions"] = {r["name"]: (pref_count[r["name"]] or dist_count[r["name"]])
                          for r in regions[1:]}
    return regions, report


# ---------------------------------------------------------------------------------------------
# Unit types and units
# ---------------------------------------------------------------------------------------------

P, C, D = "province", "city", "district"

# type, name (generic, city form), short_name, levels, naming templates.
# Templates: {r} = region name, {c} = the district's city (prefecture) name. Keys: "province",
# "city", "district" (every district), "qu" (a 区 only), "county" (a 县 or county-level 市).
# Missing keys fall back to "{r}" + name. Province departments are 厅 where that is the real naming.
UNIT_TYPES = [
    ("gov", "人民政府", "政府", (P, C, D), {}),
    # The hotline centre itself: owns tickets waiting in the dispatchers' queue (零遗漏).
    ("rx", "12345政务服务便民热线", "12345热线", (P,), {P: "{r}12345政务服务便民热线"}),
    ("fgw", "发展和改革委员会", "发改委", (P, C, D), {D: "{r}发展和改革局"}),
    ("jy", "教育局", "教育", (P, C, D), {P: "{r}教育厅"}),
    ("kjj", "科学技术局", "科技", (P, C, D), {P: "{r}科学技术厅"}),
    ("gxj", "工业和信息化局", "工信", (P, C, D), {P: "{r}工业和信息化厅"}),
    ("mzzj", "民族宗教事务委员会", "民宗", (P, C, D), {D: "{r}民族宗教事务局"}),
    ("ga", "公安局", "公安", (P, C, D), {P: "{r}公安厅", "qu": "{c}公安局{r}分局"}),
    ("mz", "民政局", "民政", (P, C, D), {P: "{r}民政厅"}),
    ("sf", "司法局", "司法", (P, C, D), {P: "{r}司法厅"}),
    ("cz", "财政局", "财政", (P, C, D), {P: "{r}财政厅"}),
    ("rs", "人力资源和社会保障局", "人社", (P, C, D), {P: "{r}人力资源和社会保障厅"}),
    ("zrzy", "自然资源和规划局", "自然资源", (P, C, D),
     {P: "{r}自然资源厅", "qu": "{c}自然资源和规划局{r}分局", "county": "{r}自然资源局"}),
    ("sthj", "生态环境局", "生态环境", (P, C, D), {P: "{r}生态环境厅", D: "{c}生态环境局{r}分局"}),
    ("zjj", "住房和城乡建设局", "住建", (P, C, D), {P: "{r}住房和城乡建设厅"}),
    ("cg", "城市管理和综合执法局", "城管", (C, D), {}),
    ("jtys", "交通运输局", "交通运输", (P, C, D), {P: "{r}交通运输厅"}),
    ("sl", "水利局", "水利", (P, C, D), {P: "{r}水利厅"}),
    ("nync", "农业农村局", "农业农村", (P, C, D), {P: "{r}农业农村厅"}),
    ("lyj", "林业局", "林业", (P, C, D), {}),
    ("sw", "商务局", "商务", (P, C, D), {P: "{r}商务厅"}),
    ("wl", "文化和旅游局", "文旅", (P, C, D), {P: "{r}文化和旅游厅"}),
    ("wj", "卫生健康委员会", "卫健", (P, C, D), {D: "{r}卫生健康局"}),
    ("tyjr", "退役军人事务局", "退役军人", (P, C, D), {P: "{r}退役军人事务厅"}),
    ("yj", "应急管理局", "应急", (P, C, D), {P: "{r}应急管理厅"}),
    ("scjg", "市场监督管理局", "市场监管", (P, C, D), {}),
    ("yb", "医疗保障局", "医保", (P, C, D), {}),
    ("tyj", "体育局", "体育", (P, C), {}),
    ("swj", "税务局", "税务", (P, C, D),
     {P: "国家税务总局{r}税务局", C: "国家税务总局{r}税务局", D: "国家税务总局{r}税务局"}),
    ("jr", "地方金融监督管理局", "金融", (P, C), {}),
    ("gzw", "国有资产监督管理委员会", "国资委", (P, C), {}),
    ("qx", "气象局", "气象", (P, C), {}),
    ("yzj", "邮政管理局", "邮政", (P, C), {}),
    ("txgl", "通信管理局", "通信管理", (P,), {}),
    ("gjj", "住房公积金管理中心", "公积金", (C,), {}),
    ("gd", "供电公司", "供电", (C,), {C: "国网{r}供电公司"}),
    ("xf", "消防救援支队", "消防", (P, C, D),
     {P: "{r}消防救援总队", C: "{r}消防救援支队", D: "{r}消防救援大队"}),
    ("fy", "中级人民法院", "法院", (P, C, D),
     {P: "{r}高级人民法院", C: "{r}中级人民法院", D: "{r}人民法院"}),
    ("jcy", "人民检察院", "检察院", (P, C, D), {}),
    ("jw", "纪委监委", "纪委监委", (P, C, D), {}),
    ("zzb", "组织部", "组织部", (P, C, D), {P: "中共{r}委组织部", C: "中共{r}委组织部", D: "中共{r}委组织部"}),
    ("xcb", "宣传部", "宣传部", (P, C, D), {P: "中共{r}委宣传部", C: "中共{r}委宣传部", D: "中共{r}委宣传部"}),
    ("tzb", "统一战线工作部", "统战部", (P, C, D), {P: "中共{r}委统战部", C: "中共{r}委统战部", D: "中共{r}委统战部"}),
    ("wxb", "网络安全和信息化委员会办公室", "网信办", (P, C),
     {P: "中共{r}委网络安全和信息化委员会办公室", C: "中共{r}委网络安全和信息化委员会办公室"}),
    ("wb", "外事办公室", "外事", (P, C), {P: "{r}人民政府外事办公室", C: "{r}人民政府外事办公室"}),
    ("gh", "总工会", "工会", (P, C, D), {}),
    ("tw", "共青团委员会", "共青团", (P, C, D),
     {P: "共青团{r}委员会", C: "共青团{r}委员会", D: "共青团{r}委员会"}),
    ("fl", "妇女联合会", "妇联", (P, C, D), {}),
    ("rd", "人大常委会", "人大", (P, C, D), {}),
    ("zx", "政协委员会", "政协", (P, C, D), {P: "政协{r}委员会", C: "政协{r}委员会", D: "政协{r}委员会"}),
]


def unit_name(type_row, region, city_name):
    t, name, _, _, tmpl = type_row
    level = region["level"]
    keys = [level]
    if level == D:
        keys = ["qu" if region["name"].endswith("区") else "county", D]
    for k in keys:
        if k in tmpl:
            return tmpl[k].format(r=region["name"], c=city_name)
    return region["name"] + name


def make_units(regions):
    by_code = {r["code"]: r for r in regions}
    units = []
    for r in regions:
        city = by_code[r["parent"]]["name"] if r["level"] == D else ""
        for row in UNIT_TYPES:
            if r["level"] in row[3]:
                units.append(dict(code=r["code"] + "/" + row[0], name=unit_name(row, r, city),
                                  unit_type=row[0], region_code=r["code"]))
    return units


# ---------------------------------------------------------------------------------------------
# Categories
# ---------------------------------------------------------------------------------------------

def make_categories(data_dir):
    """Returns (categories, path→code). Codes in file order: "01", "01.02", "01.02.003"."""
    cats, code_of = [], {}
    kids = collections.Counter()
    with open(os.path.join(data_dir, "taxonomy.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            path = ()
            for level, col in enumerate(("label_l1", "label_l2", "label_l3"), start=1):
                name = row[col].strip()
                parent_path, path = path, path + (name,)
                if path in code_of:
                    continue
                parent = code_of.get(parent_path, "")
                kids[parent] += 1
                n = kids[parent]
                code = ("%02d" % n) if level < 3 else ("%03d" % n)
                code = parent + "." + code if parent else code
                code_of[path] = code
                cats.append(dict(code=code, name=name, parent=parent, level=level))
    return cats, code_of


# ---------------------------------------------------------------------------------------------
# Duty catalog (派单目录)
# ---------------------------------------------------------------------------------------------
# One line per rule: "category path | unit type | level [| keywords]". The path is l1, l1/l2 or
# l1/l2/l3; level p/c/d. Every l1 and every l2 has a line (its fallback); a level-3 category
# without a line of its own inherits its l2's rule. Lines with keywords are refinements (the
# default for the category stays the line without keywords). Written as a 12345 dispatcher in a
# Chinese prefecture-level city would route after the 2018 institutional reform: daily matters
# to the district/county department, city-wide policy to the city, a few to the province.
DUTY_RULES = """
城乡建设 | zjj | d
城乡建设/安全生产 | yj | d
城乡建设/城市建设和市政管理 | cg | d
城乡建设/城市建设和市政管理/公共汽车 | jtys | c
城乡建设/城市建设和市政管理/地铁城铁 | jtys | c
城乡建设/城市建设和市政管理/公园管理 | cg | c
城乡建设/城市建设和市政管理/冬季采暖 | zjj | c
城乡建设/城市建设和市政管理/燃气供应 | zjj | c
城乡建设/城市建设和市政管理/自来水供应 | zjj | c
城乡建设/城市建设和市政管理/电力供应 | gd | c
城乡建设/城市建设和市政管理/小区管理 | zjj | d
城乡建设/城市建设和市政管理/居民服务设施 | zjj | d
城乡建设/城市建设和市政管理/城市公共设施 | ga | d | 红绿灯 信号灯 交通标志 交通标线
城乡建设/城乡规划 | zrzy | c
城乡建设/城乡规划/违章建筑 | cg | d
城乡建设/城乡规划/违章建筑 | zrzy | d | 农村 宅基地 农民建房 集体土地
城乡建设/村镇建设 | zjj | d
城乡建设/村镇建设/新农村建设 | nync | d
城乡建设/工程质量 | zjj | d
城乡建设/工程质量/抗震防灾 | zjj | c
城乡建设/国有土地上房屋征收与补偿 | zjj | d
城乡建设/国有土地上房屋征收与补偿/审批手续 | zjj | c
城乡建设/集体土地上房屋拆迁与补偿 | zrzy | d
城乡建设/集体土地上房屋拆迁与补偿/棚户区和城中村改造 | zjj | d
城乡建设/建筑市场 | zjj | c
城乡建设/建筑市场/拖欠工程款 | zjj | d
城乡建设/建筑市场/拖欠工程款 | rs | d | 农民工 工资 讨薪
城乡建设/其他 | zjj | d
城乡建设/住房保障与房地产 | zjj | d
城乡建设/住房保障与房地产/住房公积金 | gjj | c
城乡建设/住房保障与房地产/产权交易 | zjj | c
城乡建设/住房保障与房地产/房地产开发管理 | zjj | c
城乡建设/住房保障与房地产/公房 | zjj | c
城乡建设/住房保障与房地产/房产证登记、办理 | zrzy | d
城乡建设/住房保障与房地产/房屋补贴 | zjj | c
城乡建设/住房保障与房地产/房屋评估 | zjj | c
城乡建设/住房保障与房地产/房改政策 | zjj | c
城乡建设/住房保障与房地产/骗购 | zjj | c
城乡建设/住房保障与房地产/物业服务 | scjg | d | 电梯 困人 特种设备

党务政务 | gov | c
党务政务/党的建设 | zzb | c
党务政务/党的建设/廉政建设 | jw | c
党务政务/党的建设/作风建设 | jw | c
党务政务/港澳台侨 | tzb | c
党务政务/港澳台侨/港澳事务 | wb | c
党务政务/国防外交 | wb | c
党务政务/国防外交/军事国防 | gov | c
党务政务/民族宗教 | mzzj | c
党务政务/其他 | gov | c
党务政务/群众团体 | gh | c
党务政务/群众团体/共青团工作 | tw | c
党务政务/群众团体/妇联工作 | fl | c
党务政务/宣传舆论 | xcb | c
党务政务/宣传舆论/互联网信息监管 | wxb | c
党务政务/宣传舆论/广播影视管理 | wl | c
党务政务/政治体制 | gov | c
党务政务/政治体制/统战工作 | tzb | c
党务政务/政治体制/政协工作 | zx | c
党务政务/政治体制/人大工作 | rd | c

国土资源 | zrzy | d
国土资源/海洋气象地震 | zrzy | c
国土资源/海洋气象地震/气象 | qx | c
国土资源/海洋气象地震/地震 | yj | c
国土资源/海洋气象地震/海洋 | zrzy | p
国土资源/矿产资源管理 | zrzy | c
国土资源/其他 | zrzy | d
国土资源/土地征收 | zrzy | d
国土资源/土地征收/失地农民保障 | rs | d
国土资源/土地资源管理 | zrzy | d
国土资源/土地资源管理/土地规划 | zrzy | c

环境保护 | sthj | d
环境保护/环保管理 | sthj | c
环境保护/环保管理/环境执法 | sthj | d
环境保护/环保管理/污染损害纠纷调解 | sthj | d
环境保护/环保管理/淘汰落后产能补偿 | gxj | c
环境保护/环境污染 | sthj | d
环境保护/环境污染/噪音污染 | zjj | d | 施工 工地 打桩 夜间施工 搅拌
环境保护/环境污染/噪音污染 | ga | d | 广场舞 喇叭 音响 高音
环境保护/环境污染/大气污染 | cg | d | 油烟 烧烤 露天焚烧 焚烧垃圾
环境保护/环境污染/放射性污染 | sthj | c
环境保护/环境污染/电磁污染 | sthj | c
环境保护/建设项目审批 | sthj | c
环境保护/其他 | sthj | d

纪检监察 | jw | c
纪检监察/党政处分 | jw | c
纪检监察/干部作风 | jw | d
纪检监察/滥用职权 | jw | c
纪检监察/其他 | jw | c
纪检监察/失职渎职 | jw | c
纪检监察/贪污贿赂 | jw | c

交通运输 | jtys | c
交通运输/出租车管理 | jtys | c
交通运输/建设管理 | jtys | c
交通运输/建设管理/设施维护 | jtys | d
交通运输/建设管理/公路收费 | jtys | p
交通运输/交通运输 | jtys | c
交通运输/客货运输 | jtys | c
交通运输/客货运输/运输安全 | jtys | d
交通运输/其他 | jtys | c
交通运输/邮政管理 | yzj | c

经济管理 | fgw | c
经济管理/安全生产 | yj | d
经济管理/保险证券期货 | jr | c
经济管理/国资监管 | gzw | c
经济管理/宏观调控 | fgw | c
经济管理/金融财税 | cz | c
经济管理/金融财税/集资融资 | jr | c
经济管理/金融财税/税收征管 | swj | d
经济管理/金融财税/金融管理 | jr | c
经济管理/金融财税/非法经济活动 | jr | c
经济管理/能源管理 | fgw | c
经济管理/其他 | fgw | c
经济管理/企业破产 | gzw | c
经济管理/企业破产/依法破产 | fy | c

科技与信息产业 | kjj | c
科技与信息产业/电信 | txgl | p
科技与信息产业/科学技术 | kjj | c
科技与信息产业/其他 | gxj | c
科技与信息产业/信息化建设 | gxj | c
科技与信息产业/信息化建设/互联网运营管理 | txgl | p
科技与信息产业/知识产权 | scjg | c

民政 | mz | d
民政/福利慈善 | mz | d
民政/复退安置 | tyjr | d
民政/复退安置/军休安置 | tyjr | c
民政/基层选举和社区建设 | mz | d
民政/救灾募捐 | mz | d
民政/救灾募捐/救灾管理 | yj | d
民政/民间组织 | mz | c
民政/其他 | mz | d
民政/区划地名 | mz | c
民政/社会服务 | mz | d
民政/社会救助 | mz | d
民政/社会救助/医疗救助 | yb | d
民政/优抚 | tyjr | d

农村农业 | nync | d
农村农业/草原草场 | lyj | d
农村农业/村务管理 | nync | d
农村农业/村务管理/村务公开 | gov | d
农村农业/动物防疫 | nync | d
农村农业/扶贫开发 | nync | d
农村农业/惠农补贴 | nync | d
农村农业/林业管理 | lyj | d
农村农业/林业管理/水土流失 | sl | d
农村农业/农副产品流通 | nync | c
农村农业/农副产品流通/价格质量 | scjg | d
农村农业/农副产品流通/粮食储备 | fgw | c
农村农业/农垦农场 | nync | c
农村农业/农资农技 | nync | d
农村农业/其他 | nync | d
农村农业/其他/农村“八大员”问题 | rs | c
农村农业/水库移民 | sl | d
农村农业/水利水电 | sl | d
农村农业/水利水电/规划设计 | sl | c
农村农业/水利水电/引水调水 | sl | c
农村农业/水利水电/江河湖治理 | sl | c
农村农业/土地承包经营 | nync | d
农村农业/野生资源管理 | lyj | d

商贸旅游 | sw | c
商贸旅游/旅游管理 | wl | c
商贸旅游/旅游管理/景区管理 | wl | d
商贸旅游/其他 | sw | c
商贸旅游/商业贸易 | sw | c
商贸旅游/商业贸易/劳务输出 | rs | c
商贸旅游/商业贸易/市场垄断 | scjg | p
商贸旅游/商业贸易/反倾销 | sw | p
商贸旅游/市场监管 | scjg | d
商贸旅游/市场监管/商标管理 | scjg | c
商贸旅游/市场监管/直销 | scjg | c
商贸旅游/质监检验检疫 | scjg | d
商贸旅游/质监检验检疫/认证认可标准化 | scjg | c
商贸旅游/质监检验检疫/出入境检验检疫 | scjg | p
商贸旅游/质监检验检疫/检验检疫 | scjg | c

卫生计生 | wj | d
卫生计生/公共卫生 | wj | d
卫生计生/公共卫生/突发公共卫生事件处理 | wj | c
卫生计生/其他 | wj | d
卫生计生/人口计生 | wj | d
卫生计生/食品药品监管 | scjg | d
卫生计生/医患纠纷 | wj | d
卫生计生/医患纠纷/医疗事故争议 | wj | c
卫生计生/医政监管 | wj | d
卫生计生/医政监管/血液管理 | wj | c
卫生计生/医政监管/医疗收费 | yb | c

政法 | ga | d
政法/法律服务 | sf | c
政法/法律服务/法律援助 | sf | d
政法/法律服务/司法鉴定 | sf | p
政法/法制建设 | sf | c
政法/法制建设/法制宣传 | sf | d
政法/行政复议 | sf | c
政法/户籍证件 | ga | d
政法/户籍证件/出入境管理 | ga | c
政法/交通管理 | ga | d
政法/交通管理/机动车和驾驶员管理 | ga | c
政法/警务督察 | ga | c
政法/警务督察/超期羁押 | jcy | c
政法/警务督察/刑讯逼供 | jcy | c
政法/警务督察/包庇违法违纪人员 | jw | c
政法/其他 | ga | d
政法/社会治安 | ga | d
政法/社会治安/集会游行示威 | ga | c
政法/社会治安/邪教组织 | ga | c
政法/社会治安/防范打击恐怖活动 | ga | c
政法/社会治安/走私贩私 | ga | c
政法/社会治安/消防安全 | xf | d
政法/诉讼 | fy | d
政法/诉讼/行政诉讼 | fy | c
政法/刑案侦破 | ga | d
政法/刑罚执行 | sf | d
政法/刑罚执行/监狱管理 | sf | p
政法/仲裁与调解 | sf | d
政法/仲裁与调解/生效法律文书执行 | fy | d
政法/仲裁与调解/人事仲裁 | rs | d
政法/仲裁与调解/劳动仲裁 | rs | d
政法/仲裁与调解/民商事仲裁 | sf | c

教育文体 | jy | d
教育文体/教师队伍和待遇 | jy | d
教育文体/教师队伍和待遇/企业教师 | jy | c
教育文体/教育行政管理 | jy | d
教育文体/教育行政管理/学历学位学籍管理 | jy | c
教育文体/教育行政管理/语言文字规范 | jy | c
教育文体/教育收费 | jy | d
教育文体/教育收费/收费标准 | jy | c
教育文体/教育体制 | jy | c
教育文体/考试招生 | jy | c
教育文体/考试招生/招生录取 | jy | p | 高考 普通高校 高职 专升本 自考 成人高考
教育文体/其他 | jy | d
教育文体/失学辍学 | jy | d
教育文体/失学辍学/希望工程 | tw | c
教育文体/体育 | tyj | c
教育文体/文化 | wl | c
教育文体/文化/公共文化 | wl | d
教育文体/文化/文化市场与文化执法 | wl | d
教育文体/文物管理 | wl | c

劳动和社会保障 | rs | d
劳动和社会保障/城镇居民社会保险 | rs | d
劳动和社会保障/城镇居民社会保险/新农村合作医疗 | yb | d
劳动和社会保障/城镇居民社会保险/城镇居民医疗保险 | yb | d
劳动和社会保障/城镇职工社会保险 | rs | c
劳动和社会保障/城镇职工社会保险/职工医疗保险 | yb | c
劳动和社会保障/城镇职工社会保险/职工生育保险 | yb | c
劳动和社会保障/工资福利 | rs | d
劳动和社会保障/工资福利/住房公积金 | gjj | c
劳动和社会保障/就业培训 | rs | d
劳动和社会保障/就业培训/职业技能鉴定 | rs | c
劳动和社会保障/劳动保护 | rs | d
劳动和社会保障/劳动保护/劳动安全 | yj | d
劳动和社会保障/劳动关系 | rs | d
劳动和社会保障/其他 | rs | d
劳动和社会保障/社保基金管理 | rs | c
劳动和社会保障/退休政策及待遇 | rs | c
"""

LEVEL_ABBR = {"p": P, "c": C, "d": D}


def parse_duty_rules():
    rules = []
    for n, line in enumerate(DUTY_RULES.strip().splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) not in (3, 4):
            raise SystemExit("duty rule %d: bad line %r" % (n, line))
        path = tuple(parts[0].split("/"))
        level = LEVEL_ABBR[parts[2]]
        keywords = " ".join(parts[3].split()) if len(parts) == 4 else ""
        rules.append((path, parts[1], level, keywords))
    return rules


def make_duty_catalog(categories, code_of):
    rules = parse_duty_rules()
    defaults = {}
    out = []
    for path, utype, level, keywords in rules:
        if path not in code_of:
            raise SystemExit("duty rule for unknown category %s" % "/".join(path))
        if keywords:
            out.append(dict(category_code=code_of[path], unit_type=utype, region_level=level,
                            keywords=keywords))
        else:
            if path in defaults:
                raise SystemExit("two default duty rules for %s" % "/".join(path))
            defaults[path] = (utype, level)
    path_of = {code: path for path, code in code_of.items()}
    for cat in categories:
        path = path_of[cat["code"]]
        if len(path) < 3 and path not in defaults:
            raise SystemExit("no fallback duty rule for %s" % "/".join(path))
        p = path
        while p not in defaults:
            p = p[:-1]
        utype, level = defaults[p]
        out.append(dict(category_code=cat["code"], unit_type=utype, region_level=level,
                        keywords=""))
    out.sort(key=lambda r: (r["category_code"], r["keywords"] != "", r["keywords"], r["unit_type"]))
    return out


# ---------------------------------------------------------------------------------------------
# Users
# ---------------------------------------------------------------------------------------------

DEMO_PASSWORD = "demo1234"


def make_users(units):
    unit_codes = {u["code"] for u in units}
    users = [
        ("huawu", "话务员小王", "call_taker", ""),
        ("paidan", "派单员老李", "dispatcher", ""),
        ("zhujian_a3", "A3区住建局承办人", "unit_handler", "XD.A.A3/zjj"),
        ("cg_a3", "A3区城管局承办人", "unit_handler", "XD.A.A3/cg"),
        ("duban", "督办员老张", "supervisor", ""),
        ("fenxi", "分析员小刘", "analyst", ""),
        ("admin", "系统管理员", "admin", ""),
    ]
    for u in users:
        if u[3] and u[3] not in unit_codes:
            raise SystemExit("demo user %s: unit %s does not exist" % (u[0], u[3]))
    return [dict(username=u[0], display_name=u[1], role=u[2], unit_code=u[3],
                 password=DEMO_PASSWORD) for u in users]


# ---------------------------------------------------------------------------------------------
# Output and checks
# ---------------------------------------------------------------------------------------------

COLUMNS = {
    "regions.csv": ["code", "name", "parent", "level"],
    "unit_types.csv": ["type", "name", "short_name", "levels"],
    "units.csv": ["code", "name", "unit_type", "region_code"],
    "categories.csv": ["code", "name", "parent", "level"],
    "duty_catalog.csv": ["category_code", "unit_type", "region_level", "keywords"],
    "users.csv": ["username", "display_name", "role", "unit_code", "password"],
}


def write_csv(out_dir, name, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS[name])
    for r in rows:
        w.writerow([r[c] for c in COLUMNS[name]])
    data = buf.getvalue().encode("utf-8")
    path = os.path.join(out_dir, name)
    old = None
    if os.path.exists(path):
        with open(path, "rb") as f:
            old = f.read()
    if old != data:
        with open(path, "wb") as f:
            f.write(data)
    return len(rows)


def read_csv(out_dir, name):
    with open(os.path.join(out_dir, name), encoding="utf-8", newline="") as f:
        rd = csv.reader(f)
        header = next(rd)
        if header != COLUMNS[name]:
            raise SystemExit("%s: header %r, expected %r" % (name, header, COLUMNS[name]))
        return [dict(zip(header, row)) for row in rd]


def check(out_dir, data_dir=None):
    """Validates the files in out_dir; returns a list of problems (empty when fine)."""
    errs = []
    t = {name: read_csv(out_dir, name) for name in COLUMNS}
    for name, rows in t.items():
        for i, r in enumerate(rows, start=2):
            if len(r) != len(COLUMNS[name]):
                errs.append("%s:%d: %d fields" % (name, i, len(r)))

    regions = {r["code"]: r for r in t["regions.csv"]}
    if len(regions) != len(t["regions.csv"]):
        errs.append("regions: duplicate codes")
    roots = [r for r in t["regions.csv"] if not r["parent"]]
    if len(roots) != 1 or roots[0]["level"] != P:
        errs.append("regions: need exactly one root province, got %r" % roots)
    child_level = {P: C, C: D}
    for r in t["regions.csv"]:
        if r["parent"]:
            par = regions.get(r["parent"])
            if not par:
                errs.append("region %s: parent %s missing" % (r["code"], r["parent"]))
                continue
            if not r["code"].startswith(par["code"] + "."):
                errs.append("region %s: code does not extend parent's" % r["code"])
            if child_level.get(par["level"]) != r["level"]:
                errs.append("region %s: level %s under %s" % (r["code"], r["level"], par["level"]))
    names = collections.Counter(r["name"] for r in t["regions.csv"])
    errs += ["regions: name %s repeats" % n for n, k in names.items() if k > 1]
    for r in t["regions.csv"]:
        if r["level"] == C and not any(x["parent"] == r["code"] for x in t["regions.csv"]):
            errs.append("city %s has no district" % r["code"])

    types = {r["type"]: r for r in t["unit_types.csv"]}
    if len(types) != len(t["unit_types.csv"]):
        errs.append("unit_types: duplicate types")
    for r in t["unit_types.csv"]:
        for lv in r["levels"].split("|"):
            if lv not in (P, C, D):
                errs.append("unit type %s: bad level %r" % (r["type"], lv))
    units = {u["code"]: u for u in t["units.csv"]}
    if len(units) != len(t["units.csv"]):
        errs.append("units: duplicate codes")
    unit_names = collections.Counter(u["name"] for u in t["units.csv"])
    errs += ["units: name %s repeats" % n for n, k in unit_names.items() if k > 1]
    for u in t["units.csv"]:
        reg = regions.get(u["region_code"])
        if not reg:
            errs.append("unit %s: region %s missing" % (u["code"], u["region_code"]))
            continue
        if u["unit_type"] not in types:
            errs.append("unit %s: type %s missing" % (u["code"], u["unit_type"]))
            continue
        if u["code"] != u["region_code"] + "/" + u["unit_type"]:
            errs.append("unit %s: code is not region/type" % u["code"])
        if reg["level"] not in types[u["unit_type"]]["levels"].split("|"):
            errs.append("unit %s: type %s not at level %s" % (u["code"], u["unit_type"], reg["level"]))
    for r in regions.values():
        for ty, tr in types.items():
            if r["level"] in tr["levels"].split("|") and r["code"] + "/" + ty not in units:
                errs.append("region %s: no %s unit" % (r["code"], ty))
        if r["code"] + "/gov" not in units:
            errs.append("region %s: no gov unit" % r["code"])

    cats = {c["code"]: c for c in t["categories.csv"]}
    if len(cats) != len(t["categories.csv"]):
        errs.append("categories: duplicate codes")
    for c in t["categories.csv"]:
        lv = int(c["level"])
        want = {1: r"\d\d", 2: r"\d\d\.\d\d", 3: r"\d\d\.\d\d\.\d\d\d"}[lv]
        if not re.fullmatch(want, c["code"]):
            errs.append("category %s: bad code for level %d" % (c["code"], lv))
        if lv == 1:
            if c["parent"]:
                errs.append("category %s: level 1 with a parent" % c["code"])
        elif c["parent"] not in cats or int(cats[c["parent"]]["level"]) != lv - 1 or \
                not c["code"].startswith(c["parent"] + "."):
            errs.append("category %s: bad parent %s" % (c["code"], c["parent"]))
    level1 = {c["name"] for c in cats.values() if c["level"] == "1"}
    errs += ["categories: labelled class %s is not level 1" % n for n in LABELED_L1 if n not in level1]
    if data_dir:
        seen = set()
        with open(os.path.join(data_dir, "messages_labeled.jsonl"), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    seen.add(json.loads(line)["label_l1"])
        errs += ["categories: label_l1 %s of messages_labeled is not level 1" % n
                 for n in sorted(seen - level1)]

    defaults = collections.Counter()
    levels_of_region = collections.defaultdict(list)
    for r in regions.values():
        levels_of_region[r["level"]].append(r["code"])
    for d in t["duty_catalog.csv"]:
        if d["category_code"] not in cats:
            errs.append("duty: category %s missing" % d["category_code"])
        if d["unit_type"] not in types:
            errs.append("duty %s: unit type %s missing" % (d["category_code"], d["unit_type"]))
            continue
        if d["region_level"] not in (P, C, D):
            errs.append("duty %s: bad level %s" % (d["category_code"], d["region_level"]))
            continue
        if not d["keywords"]:
            defaults[d["category_code"]] += 1
        for rc in levels_of_region[d["region_level"]]:
            if rc + "/" + d["unit_type"] not in units:
                errs.append("duty %s: no %s unit in %s" % (d["category_code"], d["unit_type"], rc))
    for c in cats.values():
        if defaults[c["code"]] != 1:
            errs.append("duty: category %s (%s) has %d default rows" % (c["code"], c["name"],
                                                                         defaults[c["code"]]))

    roles = {"call_taker", "dispatcher", "unit_handler", "supervisor", "analyst", "admin"}
    seen_roles = set()
    for u in t["users.csv"]:
        seen_roles.add(u["role"])
        if u["role"] not in roles:
            errs.append("user %s: bad role %s" % (u["username"], u["role"]))
        if (u["role"] == "unit_handler") != bool(u["unit_code"]):
            errs.append("user %s: unit_code must be set exactly for unit_handler" % u["username"])
        if u["unit_code"] and u["unit_code"] not in units:
            errs.append("user %s: unit %s missing" % (u["username"], u["unit_code"]))
    errs += ["users: no %s" % r for r in sorted(roles - seen_roles)]
    return errs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=DEFAULT_DATA, help="teddy2020 data directory")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output directory (data/demo)")
    ap.add_argument("--check", action="store_true", help="only check the existing files")
    ap.add_argument("-v", "--verbose", action="store_true", help="print the region report")
    args = ap.parse_args()

    if not args.check:
        os.makedirs(args.out, exist_ok=True)
        regions, report = find_regions(args.data)
        units = make_units(regions)
        categories, code_of = make_categories(args.data)
        duty = make_duty_catalog(categories, code_of)
        users = make_users(units)
        type_rows = [dict(type=t, name=n, short_name=s, levels="|".join(lv))
                     for t, n, s, lv, _ in UNIT_TYPES]
        counts = [
            ("regions.csv", write_csv(args.out, "regions.csv", regions)),
            ("unit_types.csv", write_csv(args.out, "unit_types.csv", type_rows)),
            ("units.csv", write_csv(args.out, "units.csv", units)),
            ("categories.csv", write_csv(args.out, "categories.csv", categories)),
            ("duty_catalog.csv", write_csv(args.out, "duty_catalog.csv", duty)),
            ("users.csv", write_csv(args.out, "users.csv", users)),
        ]
        cities = [r["name"] for r in regions if r["level"] == C]
        n_dist = sum(1 for r in regions if r["level"] == D)
        print("cities (%d): %s; districts/counties: %d" % (len(cities), " ".join(cities), n_dist))
        for name, n in counts:
            print("  %-18s %5d rows" % (name, n))
        if report["dropped_conflict"]:
            print("  dropped (same letter+number as a more frequent name): " + ", ".join(
                "%s×%d (kept %s×%d)" % c for c in report["dropped_conflict"]))
        if report["parent_by_cooccurrence"]:
            print("  attached by co-occurrence: " + ", ".join(
                "%s→%s" % (d, p) for d, p, _ in report["parent_by_cooccurrence"]))
        if args.verbose:
            for d, p, co in report["parent_by_cooccurrence"]:
                print("    %s → %s %s" % (d, p, co))
            print("  dropped rare: %s" % sorted(report["dropped_rare"]))
            print("  unused prefectures: %s" % report["dropped_prefectures"])
            for name, n in sorted(report["mentions"].items(), key=lambda kv: kv[1])[:10]:
                print("    least mentioned: %s ×%d" % (name, n))

    errs = check(args.out, args.data if os.path.isdir(args.data) else None)
    if errs:
        for e in errs[:50]:
            print("CHECK: " + e, file=sys.stderr)
        print("check failed: %d problems" % len(errs), file=sys.stderr)
        return 1
    print("check ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
