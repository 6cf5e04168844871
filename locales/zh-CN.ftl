# kycam 的简体中文文案。每条消息都必须在 en.ftl 中有对应，参数相同（tests/i18n.rs）。
# 规则 id、JSON 键名和文件名不翻译。

## 拍摄项与证件

shot-passport = 护照信息页
shot-id-front = 身份证正面
shot-id-back = 身份证背面
shot-dl-front = 驾驶证正面
shot-dl-back = 驾驶证背面
shot-selfie = 自拍
shot-step = { $n }. { $title }

document-passport = 护照
document-id-card = 身份证
document-driving-licence = 驾驶证

## 首页

choose-heading = 您要拍摄哪种证件？
choose-intro = kycam 会逐张引导您拍摄，所有检查都通过时自动拍照。
choose-source = 画面来源：{ $source }
choose-private = 所有照片都只保存在这台电脑上，不会上传。

## 顶栏与画面来源

top-back = 返回
top-help = 帮助
top-settings = 设置
top-check-files = 检查照片
source-camera = 摄像头 { $n }
source-folder = 文件夹 { $name }
source-picture = 图片 { $name }
source-demo = 演示画面

## 设置

settings-language = 语言
settings-language-system = 跟随系统（{ $lang }）

## 规则名称（检查清单与帮助页；规则 id 保持原样）

rule-document_found = 找到证件
rule-back_side = 拍的是背面
rule-new_picture = 不是已拍过的照片
rule-upright = 证件方向正确
rule-face_found = 检测到人脸
rule-single_face = 只有一个人
rule-corners_visible = 四个角完整可见
rule-face_in_frame = 头部完整在画面内
rule-document_size = 证件足够大
rule-distance = 与镜头的距离
rule-straight = 证件摆正
rule-facing_camera = 证件正对镜头
rule-portrait_present = 拍的是带照片的一面
rule-sunglasses = 未戴墨镜
rule-head_pose = 面部正对镜头
rule-eyes_open = 双眼睁开
rule-expression = 表情自然
rule-steady = 保持稳定
rule-sharpness = 照片清晰
rule-glare = 无反光
rule-eyewear_glare = 眼镜无反光
rule-exposure = 亮度合适
rule-backlight = 没有逆光
rule-even_lighting = 光线均匀
rule-color = 颜色自然
rule-file_format = JPEG 或 PNG
rule-file_size = 100 KB～10 MB

## 建议：一句话说明要怎么改

advice-no-document = 未找到证件：请把证件平放在纯色的深色桌面上，并让它占满画面的大部分。
advice-show-photo-side = 请拍摄印有您照片的那一面。
advice-turn-over = 这是证件正面：请把证件翻过来。
advice-corners-cut = { $side ->
    [top] 证件未完整显示：上方两个角在画面外，请把证件往下移。
    [right] 证件未完整显示：右侧两个角在画面外，请把证件往左移。
    [bottom] 证件未完整显示：下方两个角在画面外，请把证件往上移。
   *[left] 证件未完整显示：左侧两个角在画面外，请把证件往右移。
}
advice-turn-straight = 请把证件稍微{ $way ->
    [anticlockwise] 逆时针
   *[clockwise] 顺时针
}转一点，让证件的边与画面的边平行。
advice-turn-card-quarter = 请把证件转 90 度，让长边横向放置，再把它移近镜头。
advice-camera-low-resolution = 相机画面的分辨率太低，看不清证件上的文字：请选择更高的分辨率，或把证件移近一些。
advice-document-closer = 请把证件移近一些：证件应占满画面的大部分。
advice-document-further = 请把证件稍微移远一点：证件的边已经碰到画面边缘。
advice-hold-flat = 请把证件放平，正对镜头，不要倾斜。
advice-no-face = 未检测到人脸：请直视镜头。
advice-no-face-whole = 未检测到人脸：请直视镜头，让整张脸都在画面内。
advice-only-you = 画面中只能有您一个人：请其他人离开镜头范围。
advice-head-too-big = 头部超出了画面：请稍微往后退一点。
advice-head-cut = 头部未完整显示：请{ $way ->
    [down] 往下
    [up] 往上
    [right] 往右
   *[left] 往左
}移一点，让整个头部和下巴都在画面内。
advice-too-close = 请稍微往后退：您现在离镜头约 { $cm } 厘米，{ $min }～{ $max } 厘米最合适。
advice-too-far = 请再靠近一些：您现在离镜头约 { $cm } 厘米，{ $min }～{ $max } 厘米最合适。
advice-sunglasses = 请摘下墨镜：眼睛必须清晰可见。
advice-eyewear-glare = 眼镜有反光：请把眼镜稍微往下倾斜，或把灯移到侧面。
advice-backlight = 逆光：光源在您身后，请转个方向，让窗户或灯位于您的前方。
advice-lower-chin = 请直视镜头：下巴稍微往下收一点。
advice-raise-chin = 请直视镜头：下巴稍微抬起一点。
advice-turn-face = 请直视镜头：把脸转过来正对镜头。
advice-open-eyes = 请睁开眼睛。
advice-relax-face = 请保持自然表情：闭上嘴，可以微微一笑。
advice-hold-still = 请保持不动，稍等片刻。
advice-no-colour = 画面没有颜色：请关闭黑白模式或滤镜。
advice-colour-cast = 画面偏色：请使用白色的自然光或白光灯，不要用彩色灯光。
advice-blurry = 照片模糊：请保持不动，{ $what ->
    [face] 让相机对准您的脸对焦。
    [document] 让相机对准证件对焦。
   *[picture] 等相机对焦清晰。
}
advice-reflection = { $what ->
    [face] 脸上有反光：请稍微侧一下脸，或离灯远一点。
    [document] 证件上有反光：请把证件稍微倾斜一点，或离灯远一点。
   *[picture] 画面有反光：请稍微调整角度，或离灯远一点。
}
advice-too-dark = { $what ->
    [face] 光线过暗：请开灯或面向窗户，让脸部光线充足。
    [document] 光线过暗：请开灯或面向窗户，让证件光线充足。
   *[picture] 光线过暗：请开灯或面向窗户，让画面光线充足。
}
advice-too-bright = { $what ->
    [face] 光线过亮：请避开直射的强光。
    [document] 光线过亮：请让证件避开直射的强光。
   *[picture] 光线过亮：请避开直射的强光。
}
advice-shadow = { $what ->
    [face] 光线不均匀：脸上有一部分在阴影里，请面向光源，让光线均匀照在脸上。
    [document] 光线不均匀：证件有一部分在阴影里，请面向光源，让光线均匀照在证件上。
   *[picture] 光线不均匀：画面有一部分在阴影里，请面向光源，让光线均匀照亮。
}
advice-already-taken = 这张画面就是刚才为“{ $taken }”拍下的照片：请按这一步的要求拍摄。
advice-file-too-small = 文件小于 100 KB：请用更高的分辨率或画质拍摄。
advice-file-too-large = 文件超过 10 MB：请降低 JPEG 画质或分辨率后重新保存。
advice-camera-too-plain = 这台相机的画面太小或内容太单调，保存不出 100 KB 的照片：请换用分辨率更高的相机，或让场景更亮一些。
advice-file-format = 文件是 { $format } 格式：请先另存为 JPEG 再上传。

## 建议：证件的方向（upright 规则）

advice-upside-down = { $document ->
    [passport] 请把护照转正：现在是上下颠倒的。
   *[card] 请把证件转正：现在是上下颠倒的。
}
advice-on-its-side = { $way ->
    [clockwise] 请把{ $document ->
        [passport] 护照
       *[card] 证件
    }顺时针转 90 度：现在是侧着放的。
   *[anticlockwise] 请把{ $document ->
        [passport] 护照
       *[card] 证件
    }逆时针转 90 度：现在是侧着放的。
}
advice-on-its-side-either-way = { $document ->
    [passport] 请把护照转 90 度，让文字横向排列、正面朝上。
   *[card] 请把证件转 90 度，让文字横向排列、正面朝上。
}

## 带单位的数值（$value 已经格式化好；$n 仅供英文区分单复数）

unit-percent = { $value }%
unit-degree = { $value }°
unit-times = { $value } 倍
unit-cm = { $value } 厘米
unit-px = { $value } 像素
unit-kb = { $value } KB
unit-mb = { $value } MB
unit-bits = { $n ->
   *[other] { $value } 位
}
unit-faces = { $n ->
   *[other] { $value } 张人脸
}
limit-range = { $min }～{ $max }
limit-at-least = 至少 { $value }
limit-up-to = 不超过 { $value }
limit-or-more = { $value } 及以上

## 检查清单的行：当前画面的情况，以及要求

row-found = 已找到
row-not-found = 未找到
row-need-document = 证件
row-no-face = 无人脸
row-need-face = 您的脸
row-people = { $n ->
    [0] 没有人
   *[other] { $n } 人
}
row-need-only-you = 只有您
row-outside = 超出画面
row-margin = 边距 { $value }
row-cut-off = 被截断
row-need-whole-head = 完整头部
row-too-few-pixels = 像素太少
row-fills = 占画面 { $value }
row-tilted = 倾斜 { $value }
row-flat = 正对
row-leaning = 倾斜
row-photo-seen = 看到照片
row-no-photo = 没有照片
row-need-photo = 带照片的一面
row-the-back = 背面
row-the-front = 正面
row-new = 新画面
row-already-taken = 已拍过
row-need-new-photo = 新照片
row-eyes-visible = 眼睛可见
row-eyes-hidden = 眼睛被遮挡
row-still = 静止
row-moving = 在晃动
row-sharp = 清晰
row-blurry = 模糊
row-reflection = 有反光
row-slight = 轻微
row-none = 无
row-need-no-reflection = 无反光
row-light-in-front = 光在前方
row-light-behind = 光在身后
row-need-light-in-front = 光在前方
row-even = 均匀
row-shadowed = 有阴影
row-need-even-light = 光线均匀
row-natural = 自然
row-not-natural = 不自然
row-need-natural-colour = 颜色自然
row-yes = 是
row-no = 否
row-need-jpeg-or-png = JPEG 或 PNG
row-need-file-size = { $min }～{ $max }
row-upright = 方向正确
row-upside-down = 上下颠倒
row-on-its-side = 侧放

## kycam check

check-pass = 通过
check-fail = 不通过
check-heading = { $file }  （{ $shot }，{ $width }×{ $height }）  { $verdict }

## kycam match

match-portrait-of = { $file }（证件上的照片）
match-sentence = { $a } 与 { $b }：{ $same ->
    [yes] 是同一个人
   *[no] 人脸不匹配——可能不是同一个人，也可能两张照片差别太大（眼镜、角度、光线、表情、年龄）
}（距离 { $distance }；低于 { $threshold } 即为同一人）
match-no-face = { $path }：未检测到人脸；请使用脸部清晰、正面、光线充足的照片
match-several-faces = { $path }：检测到 { $count } 张人脸；kycam 只比对单人照片（或单张证件）

## kycam replay

replay-advice = 第 { $seq } 帧：{ $advice }
replay-all-pass = 第 { $seq } 帧：所有规则均通过
replay-taken = 第 { $seq } 帧：已拍照 → { $path }
replay-summary = 共 { $frames } 帧，分析 { $analysed } 帧，丢弃 { $dropped } 帧，拍下 { $captures } 张；每秒分析 { $fps } 帧；延迟 p50 { $p50 } 毫秒，p95 { $p95 } 毫秒
replay-analysis = 每帧分析耗时 p50 { $p50 } 毫秒，p95 { $p95 } 毫秒；每秒更新人脸 { $faces } 次{ $memory }
replay-peak-memory = ；内存峰值 { $mb } MB
replay-queue = 帧队列最多积压 { $max } 帧（上限 { $bound } 帧）。
replay-saved-in = 照片和 session.json 保存在 { $dir }
replay-not-saved = 照片在一分钟内未能保存

## kycam cameras

cameras-none = 未找到摄像头。

## 命令行的错误信息（先写出文件名）

load-io = { $path }：无法读取文件：{ $kind ->
    [not-found] 文件不存在
    [permission-denied] 没有读取权限
   *[other] { $reason }
}
load-folder = { $path }：这是一个文件夹，不是图片文件
load-not-a-file = { $path }：这是{ $kind ->
    [fifo] 命名管道（FIFO）
    [device] 设备文件
    [socket] 套接字
   *[other] 特殊文件
}，不是图片文件
load-empty = { $path }：文件是空的
load-too-large = { $path }：文件大小为 { $bytes } 字节，太大了，不可能是照片（上限 { $limit } 字节）
load-pdf = { $path }：这是 PDF 文件，kycam 只检查照片。请把这一页导出为 JPEG 后再检查
load-unsupported = { $path }：kycam 无法读取这种图片（请使用 JPEG 或 PNG）
load-too-many-pixels = { $path }：图片标称 { $width }×{ $height } 像素，超过了 kycam 能解码的 { $max } 像素
load-truncated = { $path }：图片数据不完整（文件在图片结束前就断了）
load-corrupt = { $path }：图片已损坏，无法解码：{ $message }
load-unsupported-variant = { $path }：无法解码这种图片（{ $message }）；请另存为 JPEG 或 PNG
cli-report-unwritable = { $file }：无法输出检查结果：{ $reason }
cli-match-unwritable = 无法输出比对结果：{ $reason }
cli-no-display = 没有图形界面？请在桌面环境中运行，或用 `kycam check 文件` 检查照片、用 `kycam replay` 在无窗口的情况下运行整个流程。
cli-not-a-number = { $value } 不是数字
cli-fps-range = { $value } fps 超出范围：应为 0（尽可能快）或每秒 { $min }～{ $max } 帧
cli-hfov-range = { $value }° 不是相机的视场角（应为 10～170°）
cli-unknown-lang = { $value } 不是 kycam 支持的语言：en、zh-CN

## --help

help-about = 离线 KYC 拍照助手：引导您拍摄证件照和自拍，直到每条规则都符合要求
help-lang = kycam 所用的语言：en 或 zh-CN（默认取自 LC_ALL、LC_MESSAGES 或 LANG，否则为英文）
help-camera = 打开第 N 个摄像头（编号见 `kycam cameras`），而不是设置中选定的摄像头
help-source = 用一张图片或一个帧文件夹（按文件名顺序循环播放）代替摄像头
help-demo = 播放生成的演示画面（先是证件，然后是人脸），无需摄像头
help-out = 把照片保存到 DIR，而不是在数据目录中新建文件夹
help-gui-hfov = 摄像头的水平视场角，单位为度（用于估算距离）
help-check = 按拍摄项的规则和交易所的文件要求检查照片文件
help-check-long =
    按拍摄项的规则和交易所的文件要求检查照片文件。

    退出码：0 所有文件都通过，1 有规则未通过，2 有文件无法读取。
help-check-shot = 照片对应的拍摄项：passport、id-front、id-back、dl-front、dl-back、selfie
help-check-json = 每个文件输出一行 JSON 对象
help-check-hfov = 摄像头的水平视场角，单位为度（否则取自 EXIF，再否则为 65°）
help-check-files = 照片文件（JPEG 或 PNG；也能读取 TIFF，但不符合 `file_format`）
help-replay = 在无窗口的情况下对录制好的帧运行实时流程：像摄像头窗口一样给出引导并自动拍照
help-replay-long =
    在无窗口的情况下对录制好的帧运行实时流程：像摄像头窗口一样给出引导并自动拍照。

    退出码：0 回放已完成，2 无法开始、有帧无法读取（会跳过并指明）或有照片无法保存。
help-replay-shot = 这些帧对应的拍摄项：passport、id-front、id-back、dl-front、dl-back、selfie
help-replay-fps = 播放速度，单位为帧/秒（1–1000）；0 表示按分析速度尽快播放，不丢帧
help-replay-repeat = 把单张图片重复播放的次数
help-replay-out = 保存照片和 session.json 的文件夹（默认在用户数据目录下新建一个会话文件夹）
help-replay-json = 每帧输出一行 JSON，最后输出一行汇总
help-replay-path = 帧文件夹（按文件名顺序播放）或一张图片
help-match = 判断两张照片是否为同一个人：自拍与身份证或护照信息页上的照片比对，或两张自拍互相比对
help-match-long =
    判断两张照片是否为同一个人：自拍与身份证或护照信息页上的照片比对，或两张自拍互相比对。

    每张照片必须只有一张人脸，或是一张证件（此时使用证件上的照片）。退出码：0 是同一个人，1 不是同一个人，2 有照片无法读取或不是恰好一张人脸。
help-match-json = 输出一个 JSON 对象：a、b、same_person、distance、threshold
help-match-a = 第一张照片
help-match-b = 第二张照片
help-cameras = 列出摄像头
