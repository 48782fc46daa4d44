"""Synthetic official-news articles for scale tests (10k .. 1M+), deterministic for a seed.

Each article reads like a local 新闻联播 / 晚报 item: a meeting held by a Party committee or
government, who chaired and spoke, lists of attendees with titles (shared prefixes, 、 lists),
documents studied or adopted in 《》, appointments and removals, a reporter line, and policy filler
sentences. Names, titles and regions are drawn at random from real province/city names and common
surnames, so the extractor finds people, posts, meetings and documents in every article and the
person linker sees same-name officials across regions.

Usage::

    python bench/synth.py -n 100000 -o /tmp/synth.jsonl              # one JSONL file
    python bench/synth.py -n 1000000 -o /tmp/synth/ --files 100      # a directory of 100 files
    python bench/synth.py -n 10 --seed 7 | head -3                   # to stdout

The output is the JSONL input of ``kg`` (``id``, ``title``, ``date``, ``source``, ``text``). The same
``--seed`` and ``-n`` always give the same bytes (``random.Random`` with a fixed seed, no hashing
of sets). Generation runs at roughly 20-40k articles/s; memory does not grow with ``-n``.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator, Optional, TextIO

#: (province, [cities]) — real names, so the rules resolve them to GB/T 2260 codes.
REGIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("江苏省", ("南京市", "苏州市", "无锡市", "常州市", "南通市", "扬州市", "徐州市", "盐城市")),
    ("浙江省", ("杭州市", "宁波市", "温州市", "嘉兴市", "湖州市", "绍兴市", "舟山市", "台州市")),
    ("广东省", ("广州市", "深圳市", "珠海市", "佛山市", "东莞市", "汕头市", "惠州市")),
    ("山东省", ("济南市", "青岛市", "烟台市", "潍坊市", "临沂市", "淄博市")),
    ("四川省", ("成都市", "绵阳市", "宜宾市", "南充市", "泸州市")),
    ("河南省", ("郑州市", "洛阳市", "开封市", "南阳市", "新乡市")),
    ("湖北省", ("武汉市", "宜昌市", "襄阳市", "荆州市")),
    ("湖南省", ("长沙市", "株洲市", "湘潭市", "岳阳市", "常德市")),
    ("福建省", ("福州市", "厦门市", "泉州市", "漳州市")),
    ("安徽省", ("合肥市", "芜湖市", "蚌埠市", "安庆市")),
    ("河北省", ("石家庄市", "唐山市", "保定市", "邯郸市")),
    ("陕西省", ("西安市", "宝鸡市", "咸阳市", "延安市")),
    ("辽宁省", ("沈阳市", "大连市", "鞍山市", "锦州市")),
    ("云南省", ("昆明市", "曲靖市", "玉溪市", "大理白族自治州")),
    ("江西省", ("南昌市", "九江市", "赣州市", "上饶市")),
)
MUNICIPALITIES = ("北京市", "上海市", "天津市", "重庆市")

SURNAMES = tuple("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢傅钟姜崔谭陆汪范金石廖贾夏韦付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤")
GIVEN = tuple("伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽")

CITY_TITLES = ("市委书记", "市长", "市委副书记", "常务副市长", "副市长", "市委常委", "市委秘书长", "市政协主席",
               "市人大常委会主任", "市委组织部部长", "市委宣传部部长", "市纪委书记")
PROV_TITLES = ("省委书记", "省长", "省委副书记", "常务副省长", "副省长", "省委常委", "省人大常委会主任", "省政协主席")
MEETINGS_CITY = ("市委常委会会议", "市政府常务会议", "市委理论学习中心组学习会", "市委全面深化改革委员会会议",
                 "市委财经委员会会议", "全市安全生产工作会议", "全市优化营商环境大会")
MEETINGS_PROV = ("省委常委会会议", "省政府常务会议", "省委全面深化改革委员会会议", "全省经济工作会议")
DOCUMENTS = ("关于推进新型城镇化高质量发展的实施意见", "关于加强基层治理体系和治理能力现代化建设的意见",
             "关于进一步优化营商环境的若干措施", "关于深化国有企业改革的实施方案", "关于加快发展现代产业体系的意见",
             "关于推动制造业高质量发展的意见", "关于加强生态环境保护的决定", "关于做好防汛抗旱工作的通知",
             "关于促进民营经济发展壮大的若干措施", "关于全面推进乡村振兴的实施意见", "数字政府建设三年行动计划",
             "安全生产十五条硬措施", "关于加强耕地保护的实施方案", "关于健全社会保障体系的意见")
FILLER = (
    "会议强调，要坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，推动经济社会高质量发展。",
    "会议指出，要统筹发展和安全，守牢安全生产底线，切实保障人民群众生命财产安全。",
    "要进一步深化改革开放，持续优化营商环境，激发各类经营主体活力。",
    "各级各部门要压紧压实责任，细化工作举措，确保各项任务落地见效。",
    "要坚持以人民为中心的发展思想，着力解决群众急难愁盼问题，不断增强人民群众获得感、幸福感、安全感。",
    "会议要求，要加快建设现代化产业体系，培育壮大战略性新兴产业，推动传统产业转型升级。",
    "要扎实推进乡村全面振兴，加强耕地保护和粮食安全，促进农民持续增收。",
    "要全面从严治党，驰而不息纠治“四风”，营造风清气正的政治生态。",
    "要加强生态环境保护，深入打好蓝天、碧水、净土保卫战。",
    "会议还研究了其他事项。",
)
SOURCES = ("新闻联播", "南通晚报", "新华日报", "浙江日报", "南方日报")


def post(place: str, title: str) -> str:
    """``鞍山市`` + ``市委书记`` -> ``鞍山市委书记``; ``江苏省`` + ``省长`` -> ``江苏省长``."""
    return place + title[1:] if title[:1] == place[-1:] else place + title


class Synth:
    """Deterministic article generator: ``Synth(seed).articles(n)`` yields JSON-ready dicts."""

    def __init__(self, seed: int = 1, start: date = date(2022, 1, 1)) -> None:
        self.rng = random.Random(seed)
        self.start = start
        self._people: dict[tuple[str, str], str] = {}  # (region, title) -> incumbent, so names recur

    def name(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2, 2))))

    def holder(self, region: str, title: str) -> str:
        """The incumbent of a post (changes now and then, as in real news)."""
        key = (region, title)
        if key not in self._people or self.rng.random() < 0.05:
            self._people[key] = self.name()
        return self._people[key]

    def region(self) -> tuple[str, str, bool]:
        """(province, region, is_city)."""
        r = self.rng
        if r.random() < 0.08:
            m = r.choice(MUNICIPALITIES)
            return m, m, False
        prov, cities = r.choice(REGIONS)
        if r.random() < 0.3:
            return prov, prov, False
        return prov, r.choice(cities), True

    def article(self, k: int) -> dict:
        r = self.rng
        day = self.start + timedelta(days=r.randrange(0, 1500))
        prov, place, is_city = self.region()
        titles = CITY_TITLES if is_city else PROV_TITLES
        meeting = r.choice(MEETINGS_CITY if is_city else MEETINGS_PROV)
        if not is_city and place in MUNICIPALITIES:
            meeting = meeting.replace("省", "市")
            titles = CITY_TITLES
        chair_title = titles[0]
        chair = self.holder(place, chair_title)
        sents: list[str] = []
        sents.append(f"{day.month}月{day.day}日，{place}召开{meeting}，{post(place, chair_title)}{chair}主持会议并讲话。")
        others = r.sample(titles[1:], k=min(len(titles) - 1, r.randint(2, 5)))
        listed = "，".join(f"{t}{self.holder(place, t)}" for t in others)
        sents.append(f"{listed}出席会议。" if r.random() < 0.7 else f"{listed}等参加会议。")
        docs = r.sample(DOCUMENTS, k=r.randint(1, 3))
        sents.append(f"会议传达学习了《{docs[0]}》精神。")
        if len(docs) > 1:
            sents.append("会议审议通过了" + "、".join(f"《{d}》" for d in docs[1:]) + "。")
        if r.random() < 0.4:
            t = r.choice(titles[1:])
            new = self.name()
            sents.append(f"会议决定，任命{new}为{post(place, t)}，免去{self.holder(place, t)}的{post(place, t)}职务。")
            self._people[(place, t)] = new
        if r.random() < 0.5:
            speaker_t = r.choice(titles[1:])
            sents.append(f"{self.holder(place, speaker_t)}就有关工作作了汇报。")
        for _ in range(r.randint(3, 9)):
            sents.append(r.choice(FILLER))
        sents.append(f"（记者 {self.name()} 通讯员 {self.name()}）")
        text = "\n".join(sents)
        return {"id": f"synth-{k:08d}", "title": f"{place}召开{meeting}", "date": day.isoformat(),
                "source": r.choice(SOURCES), "text": text}

    def articles(self, n: int, offset: int = 0) -> Iterator[dict]:
        for k in range(offset, offset + n):
            yield self.article(k)


def write_jsonl(n: int, out: TextIO, seed: int = 1) -> int:
    """Write ``n`` articles as JSON Lines to ``out``; returns characters of text written."""
    chars = 0
    for a in Synth(seed).articles(n):
        chars += len(a["text"])
        out.write(json.dumps(a, ensure_ascii=False))
        out.write("\n")
    return chars


def generate(n: int, out: Optional[Path], seed: int = 1, files: int = 1) -> list[Path]:
    """Write ``n`` articles to ``out`` (a .jsonl file, or a directory of ``files`` JSONL files)."""
    if out is None:
        try:
            write_jsonl(n, sys.stdout, seed)
        except BrokenPipeError:  # `| head`
            sys.stderr.close()
        return []
    if files <= 1 and out.suffix in (".jsonl", ".ndjson"):
        out.parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            write_jsonl(n, fh, seed)
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    gen = Synth(seed).articles(n)
    per = -(-n // max(1, files))
    written = []
    for i in range(max(1, files)):
        p = out / f"synth-{i:05d}.jsonl"
        with open(p, "w", encoding="utf-8") as fh:
            for _ in range(per):
                a = next(gen, None)
                if a is None:
                    break
                fh.write(json.dumps(a, ensure_ascii=False) + "\n")
        written.append(p)
    return written


def main(argv: Optional[list[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=10_000, help="number of articles (default 10000)")
    ap.add_argument("-o", "--output", type=Path, help="a .jsonl file or a directory (default: stdout)")
    ap.add_argument("--files", type=int, default=1, help="with a directory: number of JSONL files")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    paths = generate(args.n, args.output, args.seed, args.files)
    if paths:
        print(f"wrote {args.n} articles to {len(paths)} file(s) under {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
