"""Word lists of the domain layer: surnames, rank words, organ words, cues.

These are facts of the language of Chinese official news, not of any one article. Each list is
loaded into a HanLP trie (``hanlp_trie.Trie``) by :mod:`kg.extract.rules`.
"""
from __future__ import annotations

# The common single-character surnames (百家姓 and the 2020 census top 400, minus characters that
# are far more often function words in news text: 和 及 与 同 向 于 从 到 在 对 就 为 会 都 全 党 经 时 …).
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤易常温"
    "康施牛樊葛邢安齐伍余庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成"
    "苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党"
    "宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官"
    "封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖"
    "漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹"
    "诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
    "习咸谌訚蔺郦寿竺邴逄仉禚郇昌铁种蹇佴贲缑阎芈笪轩沃訾綦益"
) - set("和同从到在对就为会都全党经时")

COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "令狐", "慕容", "尉迟", "长孙", "宇文", "司徒", "夏侯",
    "公孙", "西门", "端木", "独孤", "南宫", "万俟", "闻人", "轩辕", "呼延", "澹台", "百里", "东郭", "申屠",
)

# Characters that do not occur in given names in practice but do follow names in news text.
NOT_GIVEN = set("的了在和与及等是为对向就从于到也还都将已把被让给跟说会上下时年月日号并或之其这那个们"
                "率陪赴抵离称负不副务届导")

# Rank words that end a title (longest match wins: 常务副主任 over 副主任 over 主任).
RANKS = (
    "总书记", "第一书记", "副书记", "书记", "常委", "委员", "候补委员", "常务委员", "主任委员", "副主任委员",
    "常务副主任", "副主任", "主任", "常务副主席", "副主席", "主席", "副秘书长", "秘书长",
    "常务副部长", "副部长", "部长", "党组书记", "党组副书记", "党组成员",
    "常务副省长", "副省长", "省长", "常务副市长", "副市长", "市长", "常务副区长", "副区长", "区长",
    "常务副县长", "副县长", "县长", "副州长", "州长", "副旗长", "旗长", "副盟长", "盟长",
    "副委员长", "委员长", "副总理", "总理", "国务委员", "副院长", "院长", "副检察长", "检察长",
    "副厅长", "厅长", "副局长", "局长", "副署长", "署长", "副行长", "行长", "副组长", "组长",
    "副主席", "副司令员", "司令员", "政治委员", "政委", "副校长", "校长", "董事长", "总经理", "理事长",
    "会长", "副会长", "团长", "副团长", "社长", "总编辑", "主任", "监察专员", "特派员", "大使", "发言人", "总指挥",
)

#: Titles printed after a name as a form of address (习近平总书记, 栗战书委员长): no post fact.
HONORIFICS = (
    "总书记", "主席", "总理", "委员长", "副委员长", "副总理", "副主席", "国务委员", "同志", "书记",
    "省长", "市长", "部长", "院长", "检察长", "副书记",
)

#: Collective titles that introduce a list of names without giving each a post (市领导, 区委常委 lists).
COLLECTIVE = ("领导", "领导同志", "负责同志", "有关负责同志", "群众代表", "基层代表", "各界代表", "青年代表",
              "职工代表", "企业家代表", "专家代表", "农民代表", "学生代表", "人士代表", "代表")

#: Prefixes of national organs: a title starting with one of them is held in 中央.
NATIONAL_PREFIXES = (
    "中共中央", "中央", "国务院", "全国人大", "全国人民代表大会", "全国政协", "国家", "最高人民法院", "最高人民检察院",
    "国务委员", "中华全国", "共青团中央", "全国妇联", "中国人民解放军", "外交部", "国防部", "公安部", "财政部", "商务部",
    "教育部", "科技部", "工业和信息化部", "民政部", "司法部", "人力资源和社会保障部", "自然资源部", "生态环境部",
    "住房和城乡建设部", "交通运输部", "水利部", "农业农村部", "文化和旅游部", "应急管理部", "审计署", "退役军人事务部",
    "国家民委", "国家发展改革委", "中国人民银行", "海关总署", "国资委", "中国科学院", "中国工程院", "中国社会科学院",
    "政协第", "十三届全国", "十四届全国", "十二届全国",
    # the eight democratic parties and the federation of industry and commerce (national bodies)
    "民革中央", "民盟中央", "民建中央", "民进中央", "农工党中央", "致公党中央", "九三学社中央", "台盟中央", "全国工商联",
    "中央党史和文献研究院", "中央党校", "中华全国总工会", "全国总工会", "中国科协",
)

#: Level words of local titles; longest first.
LEVELS = ("特别行政区", "自治区", "自治州", "自治县", "地区", "省", "市", "区", "县", "州", "盟", "旗")

#: What may follow a level word in a local title (市委…, 市人大常委会…, 市长).
LOCAL_ORGAN_STARTS = ("委", "党委", "人大", "政协", "政府", "人民政府", "纪委", "监委", "长", "领导", "中级人民法院",
                      "人民检察院", "人民法院", "公安局", "委员会")

#: Words that end an organisation name inside a title (…委员会主任, …领导小组组长).
ORGAN_SUFFIXES = ("委员会", "领导小组", "小组", "办公室", "办公厅", "政府", "人大常委会", "政协", "常委会", "党组",
                  "部", "厅", "局", "署", "院", "会", "委", "处", "集团", "公司", "大学", "学院", "银行", "中心",
                  "联合会", "协会", "总会", "军区", "战区", "党委", "法院", "检察院", "监委", "纪委")

# Participation cues (SCHEMA.md conventions), longest first within each role.
ROLE_CUES: dict[str, str] = {
    "主持": "chaired",
    "出席": "attended", "参加": "attended", "就座": "attended", "到会": "attended", "陪同": "attended", "参会": "attended",
    "列席": "attended_nonvoting",
    "交流发言": "spoke", "讲话": "spoke", "指出": "spoke", "强调": "spoke", "表示": "spoke", "发言": "spoke",
    "致辞": "spoke", "宣布": "spoke", "提出": "spoke", "建议": "spoke", "说": "spoke", "发表讲话": "spoke",
    "通报": "reported", "汇报": "reported", "作报告": "reported", "作说明": "reported", "宣读": "reported",
    "传达": "reported",
}

#: Text allowed between a person (group) and its predicate: connectors, places, collective nouns.
PREDICATE_FILLER = (
    "以及", "和", "及", "与", "、", "，", ",", "等", "有关方面", "相关方面", "有关部门", "各有关", "有关", "相关",
    "主要负责同志", "负责同志", "同志", "领导", "在会上", "在分会场", "在主会场", "在视频会场", "在京", "在北京",
    "分别", "也", "还", "先后", "一同", "共同", "随后", "当天", "专门", "会前", "会后", "一起", "亲切", "同时",
    "应邀", "中共中央", "国务院", "中央和国家机关", "国家机关", "有关省区市", "军队有关单位", "各民主党派",
)

# Document action verbs (longest first matters: 审议通过 before 审议).
DOC_ACTIONS: dict[str, str] = {
    "审议通过": "adopted", "研究通过": "adopted", "表决通过": "adopted", "讨论通过": "adopted", "通过": "adopted",
    "追认": "adopted", "学习": "studied", "审议": "studied", "审查": "studied", "讨论": "studied", "研究": "studied",
    "传达": "conveyed", "印发": "issued", "发布": "issued", "出台": "issued", "部署": "deployed",
}

# Meeting-name endings.
MEETING_SUFFIXES = (
    "会议", "推进会", "座谈会", "研讨会", "工作会", "报告会", "动员会", "部署会", "现场会", "调度会", "协调会",
    "联席会", "专题会", "交流会", "对接会", "推介会", "发布会", "恳谈会", "见面会", "启动会", "总结会", "表彰会",
    "大会", "峰会", "论坛", "全会", "常委会议", "主席会议", "委员长会议", "常务会议", "全体会议", "集体学习",
)

#: A meeting is only a meeting held (not one whose spirit is studied) next to one of these.
MEETING_HELD_BEFORE = ("主持召开", "召开", "主持", "出席", "参加", "列席", "举行", "举办")
MEETING_HELD_AFTER = ("举行", "召开", "开幕", "闭幕", "在京召开", "在京举行", "以视频方式举行")

#: Words that stop the leftward growth of a meeting name.
MEETING_LEFT_STOPS = MEETING_HELD_BEFORE + (
    "在", "于", "的", "了", "是", "并", "和", "为", "对", "向", "就", "日", "上午", "下午", "晚上", "当天", "今天", "昨天",
    "决定", "建议", "同意",
)

#: Titles printed after a participant's name, expanded to the post they stand for (栗战书委员长).
HONORIFIC_POSTS = {
    "总书记": "中共中央总书记", "委员长": "全国人大常委会委员长", "副委员长": "全国人大常委会副委员长",
    "总理": "国务院总理", "副总理": "国务院副总理", "国务委员": "国务委员",
}

#: Member titles after a name (宁吉喆委员, 曹小红常委): the post is membership of the meeting's body.
MEMBER_BODIES = (("全国政协", "全国政协"), ("政协第", "全国政协"), ("全国人大常委会", "全国人大常委会"))

#: Inspection cues: a leader's visit is an event people attend (陪同) and speak at.
INSPECTION_CUES = ("考察", "调研", "视察")

#: Endings of document titles printed without 《》 (野生动物保护法, 关于…的决定, 政府工作报告稿).
DOC_SUFFIXES = ("法", "条例", "规定", "决定", "报告", "方案", "意见", "草案", "议案", "纲要", "规划", "办法", "决议",
                "名单", "议程", "贺电", "贺信", "修正案", "稿", "公约", "条约", "细则", "通知")
#: Things that end like documents but are not (…重要讲话精神, 指示).
DOC_NOT = ("精神", "讲话", "指示", "批示", "情况", "工作", "部署", "要求")

#: Country and region names that look like two- or three-character person names (荷兰, 马来西亚 is longer).
COUNTRIES = (
    "中国", "美国", "英国", "法国", "德国", "俄罗斯", "日本", "韩国", "朝鲜", "印度", "巴西", "南非", "荷兰", "比利时",
    "瑞士", "瑞典", "挪威", "芬兰", "丹麦", "冰岛", "波兰", "捷克", "匈牙利", "希腊", "葡萄牙", "西班牙", "意大利",
    "奥地利", "爱尔兰", "土耳其", "伊朗", "伊拉克", "叙利亚", "约旦", "埃及", "利比亚", "苏丹", "肯尼亚", "古巴",
    "秘鲁", "智利", "阿根廷", "墨西哥", "加拿大", "老挝", "越南", "泰国", "缅甸", "柬埔寨", "蒙古", "尼泊尔", "文莱",
    "新加坡", "东盟", "欧盟", "非盟", "联合国", "巴西", "汤加", "斐济", "萨摩亚", "古巴", "加纳", "刚果", "赞比亚",
    "乌干达", "卢旺达", "多哥", "贝宁", "马里", "乍得", "几内亚", "塞尔维亚", "黑山", "白俄罗斯", "乌克兰", "格鲁吉亚",
    "马来西亚", "叙利亚", "哈萨克斯坦", "乌兹别克斯坦", "吉尔吉斯斯坦", "塔吉克斯坦", "土库曼斯坦", "巴基斯坦", "阿富汗",
    "斯里兰卡", "孟加拉国", "印度尼西亚", "菲律宾", "蒙古国", "澳大利亚", "新西兰", "沙特阿拉伯", "阿联酋", "卡塔尔",
    "科威特", "以色列", "巴勒斯坦", "黎巴嫩", "阿尔及利亚", "摩洛哥", "突尼斯", "埃塞俄比亚", "坦桑尼亚", "尼日利亚",
    "津巴布韦", "莫桑比克", "安哥拉", "纳米比亚", "委内瑞拉", "哥伦比亚", "厄瓜多尔", "玻利维亚", "乌拉圭", "巴拉圭",
    "尼加拉瓜", "杜马", "国家杜马", "阿塞拜疆", "亚美尼亚", "斯洛伐克", "斯洛文尼亚", "克罗地亚", "罗马尼亚", "保加利亚",
)

#: First characters of verb phrases and adverbs that lists of slogans start with (要当好, 把…); never a lenient name.
NOT_NAME_START = set("决要把对在让使以就不应可能将被由从向为与及和或但而且也还都又再更最很太已曾正所之其此该这那各每全有无非未没是")

#: Common two-character elements of Tibetan names (洛桑江村, 卓玛仁增): four-character names without a surname.
TIBETAN_NAME_PARTS = frozenset((
    "洛桑", "江村", "卓玛", "仁增", "扎西", "次仁", "达瓦", "格桑", "巴桑", "尼玛", "多吉", "索朗", "旦增", "平措", "白玛",
    "嘎玛", "泽登", "拉巴", "边巴", "顿珠", "普布", "央金", "德吉", "曲珍", "丹增", "益西", "强巴", "罗布", "阿旺", "土登",
    "群培", "次旦", "格列", "朗杰", "坚参", "赤列", "贡嘎", "嘉措", "洛松", "桑珠", "拉姆", "达娃", "巴珠", "旺堆", "米玛",
))
