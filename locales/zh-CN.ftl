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

## 窗口：拍摄

shoot-waiting = 正在等待第一帧画面…
shoot-take-now = 立即拍照
shoot-take-now-hint = 空格键。如有检查未通过，会先询问您，照片会标记为手动拍摄。
shoot-keys = 或按空格键 · 按 Esc 返回
shoot-mirror = 镜像显示预览
shoot-mirror-hint = 只影响预览：保存的照片不会镜像
shoot-diagnostics = 第 { $seq } 帧 · { $ms } 毫秒 · 丢弃 { $dropped } 帧
shoot-other-options = 没有摄像头？其他方式…
shoot-pictures-ended = 画面已经播放完毕。
shoot-starting-camera = 正在启动摄像头…
shoot-opening-pictures = 正在打开图片…
shoot-starting-demo = 正在启动演示…
shot-progress-step = 第 { $caption }
shot-progress = { $n } 步，共 { $total } 步：{ $title }
shot-progress-finished = { $document }：{ $total } 张照片已全部拍完
guidance-all-good-hold = 一切就绪：请保持不动…
guidance-all-good = 一切就绪。
guidance-saving = 正在保存照片…
hold-paused = 自动拍照已暂停
hold-waiting = 自动拍照：等待所有检查通过
hold-taking = 正在拍照…
hold-progress = 请保持不动：{ $held } / { $needed } 秒
checklist-check = 检查项
checklist-now = 当前
checklist-needed = 要求
overlay-face-here = 脸放在这里，距离 { $cm }
overlay-finger = 手指
overlay-glare = 反光
overlay-sunglasses = 墨镜
overlay-eyewear-glare = 眼镜反光
overlay-sharpness = 清晰度

## 窗口：查看照片

review-missing = { $file } 已不在磁盘上：请重新拍摄这张照片。
review-cannot-show = 无法显示 { $file }：{ $error }
review-photo-taken = { $title }：已拍摄
review-not-mirrored = 这是保存的样子：不像预览那样镜像。
review-all-held = 这张照片通过了所有检查。
review-some-failed = 这张照片有检查未通过。
review-by-hand = 手动拍摄（session.json 中已注明）。
review-automatic = 自动拍摄。
review-under-min-size = 即使用最高画质，文件也不足 100 KB：交易所可能不接受。
review-file = { $name } · { $size } · JPEG 画质 { $quality }
review-not-on-disk = { $name } 不在磁盘上。
review-question-selfie = 整张脸是否清晰、光线均匀、没有反光？
review-question-document = 证件上的内容是否都清晰可读、没有反光？
review-use = 使用这张照片
review-retake = 重拍

## 窗口：自拍与证件照片比对

face-match-on-passport = 护照
face-match-on-licence = 驾驶证
face-match-on-id-card = 身份证
face-match-same = 您的自拍与{ $document }上的照片一致。
face-match-may-differ = 您的自拍可能与{ $document }上的照片不一致。
face-match-unexplained = 两张照片中看不出明显原因：证件照太旧、新留了胡子，或只有一张照片戴了眼镜，都可能造成这种情况。
face-match-likely-causes = 可能的原因：
face-match-retake-or-keep = 您可以重新拍一张自拍再试，也可以保留这张：最终由交易所审核决定。
face-match-no-portrait = { $document }的照片上没有找到人脸，因此无法与自拍比对。
face-match-no-face-in-selfie = 这张自拍中没有找到人脸，因此无法与证件照片比对。
face-match-unreadable = 无法重新读取照片，因此没有将自拍与证件照片比对。
face-match-failed = 无法将自拍与证件照片比对。
face-match-still-usable = 您仍然可以使用这张自拍。
face-match-comparing = 正在将您的自拍与证件照片比对…
face-match-not-recorded = 比对结果无法写入 session.json：{ $error }
cause-glasses-reflection = 眼镜有反光：请把眼镜稍微倾斜，或摘下眼镜。
cause-tinted-glasses = 深色镜片挡住了眼睛：请摘下眼镜。
cause-head-turned = 与证件照片相比，您的头偏向了一侧：请直视镜头。
cause-expression = 您的表情与证件照片不同：请闭上嘴，保持自然表情。
cause-uneven-light = 脸的一侧在阴影里：请面向窗户或灯光，让光线均匀。
cause-poor-light = 脸部太暗或太亮：请换到光线均匀柔和的地方。
cause-small-portrait = 证件上的照片在画面中太小：请把证件靠近镜头重新拍摄。

## 窗口：拍摄完成

done-cannot-read = 无法读取本次拍摄记录：{ $error }
done-all-pass = { $total } 张照片全部通过检查
done-some-pass = { $total } 张照片中有 { $passing } 张通过全部检查
done-photo = { $title }：{ $file }（{ $size }{ $manual ->
    [yes] ，手动拍摄
   *[no] {""}
}）
done-no-photo = { $title }：没有照片
done-retake = 重拍
done-take-it = 去拍摄
done-fails = 未通过：{ $rules }
done-folder = 文件夹：{ $dir }
done-open-folder = 打开文件夹
done-copy-path = 复制路径
done-copied = 已复制：{ $dir }
done-upload = 请把这些文件上传到交易所。旁边的 session.json 记录了每张照片被接受的原因。
done-may-reject = 标红的照片可能会被交易所驳回：请重拍，或在知情的情况下上传。
done-practice-offer = 可选：练习交易所活体检测会要求的动作（眨眼、转头、张嘴或微笑）。不会保存任何内容。
done-practise = 练习活体检测
done-new-session = 开始新的拍摄
list-separator = 、

## 窗口：活体检测练习

practice-note = 这是交易所活体检测的练习，正式检测时会要求您做这些动作。这里不会录制或保存任何内容，也不是正式检测。
practice-no-face-advice = 没有找到您的脸：请在光线充足的地方面向摄像头，然后再试一次。
practice-needs-session = 练习需要使用本次拍摄的摄像头：请开始新的拍摄。
practice-heading = 练习活体检测
practice-back = 返回照片
practice-skip-all = 跳过练习
practice-or-esc = 或按 Esc
practice-starting = 正在启动摄像头…
practice-finished = 练习完成。
practice-waiting = 正在等待摄像头…
practice-done = 完成：{ $words }
practice-done-plain = 完成
practice-skipped = 已跳过
practice-no-face-yet = 画面中还没有人脸：请看向摄像头。
practice-not-in-time = 规定时间内未检测到。
practice-try-again = 再试一次
practice-skip-step = 跳过这一步
practice-seconds-left = 还剩 { $seconds } 秒
practice-summary = 已完成 { $total } 个动作中的 { $done } 个。没有保存任何内容。
step-blink = 眨眼两次
step-turn-left = 向左转头约 30°
step-turn-right = 向右转头约 30°
step-mouth-or-smile = 张嘴或微笑
step-sentence = { $instruction }。
step-blink-advice = 请慢慢眨眼：完全闭上眼睛片刻，再睁开。做两次。
step-turn-left-advice = 请慢慢把头再向左转一些，脸保持在画面内。
step-turn-right-advice = 请慢慢把头再向右转一些，脸保持在画面内。
step-mouth-or-smile-advice = 请把嘴张大片刻，或者露出明显的笑容。
step-done-blinks = 眨眼 { $n } 次
step-done-turned = 转了 { $deg }°
step-done-mouth-open = 张嘴
step-done-smile = 微笑
step-gauge-blinks = 眨眼：{ $n } / { $of } 次
step-gauge-turned = 已转 { $deg }°，完成 { $percent }%
step-gauge-mouth = 张嘴程度 { $percent }%

## 窗口：确认对话框

question-shutter = 仍然要拍这张照片吗？
question-delete = 删除这张照片并重拍？
question-leave = 要离开本次拍摄吗？
question-save-anyway = 仍然保存
question-cancel = 取消
question-delete-retake = 删除并重拍
question-keep = 保留
question-leave-session = 离开本次拍摄
question-stay = 留下
question-failing = 这张画面有以下检查未通过：
question-may-reject = 交易所可能会驳回这张照片。照片会标记为手动拍摄。
question-deleted-from = { $title }：将从 { $folder } 中删除 { $file }。
question-photos-stay = 目前已接受的 { $n } 张照片会留在 { $folder } 中。新的拍摄会使用单独的文件夹。
question-keys = 按 Enter 选择高亮的按钮 · 按 Esc 表示否

## 窗口：拍摄过程中的提示

session-not-removed = 无法删除之前的照片：{ $error }
session-no-folder = 无法创建保存照片的文件夹：{ $error }
session-cannot-start = 电脑无法启动检查（{ $error }）。请关闭一些程序后再试。
session-shutter-overtaken = 在您按下快门前，已自动拍下一张通过所有检查的照片：现在显示的是这张，没有另外保存其他照片。
session-photo-arrived = 刚拍下一张照片：没有删除任何照片。
session-new-camera-later = 新选的摄像头从下一次拍摄开始使用。
session-camera-sending = 摄像头当前输出 { $width }×{ $height }，每秒 { $fps } 帧（{ $format }）。
session-camera-from-start = 启动 kycam 时选定的摄像头 { $n } 会一直使用到关闭程序。
session-hfov-from-start = 启动 kycam 时选定的视场角（{ $deg }）会一直使用到关闭程序。
save-busy = 照片（{ $shot }）没有保存：之前的照片还在保存中。
save-failed = 照片（{ $shot }）没有保存，也没有留下任何部分：{ $error }
capture-no-data-folder = 找不到用户数据文件夹（没有主目录？）：请使用 --out DIR
capture-create-folder = { $path }：无法创建拍摄文件夹：{ $error }
capture-write = { $path }：无法写入：{ $error }
capture-remove = { $path }：无法删除：{ $error }
capture-in-use = { $path } 正被另一个 kycam 拍摄使用：请等它结束，或选择其他文件夹
capture-has-session = { $path } 中已有一次拍摄记录（session.json）：请选择一个空文件夹
capture-encode = 无法把照片编码为 JPEG：{ $error }
capture-too-large = 照片放不下：即使 JPEG 画质降到 1，也有 { $bytes } 字节，超过剩余的 { $limit } 字节（每个文件 10 MB，每次拍摄共 30 MB）
capture-session-json = 无法写入 session.json：{ $error }
system-not-found = 文件或文件夹不存在
system-permission-denied = kycam 没有权限打开它
system-disk-full = 磁盘已满
system-read-only = 磁盘不可写入
system-is-a-folder = 这是一个文件夹
system-not-a-folder = 路径中有一部分不是文件夹

## 窗口：画面来源的问题

source-not-allowed = kycam 没有权限打开摄像头。
source-no-camera = 未找到摄像头。
source-in-use = 摄像头正被其他程序占用（视频通话、浏览器标签页）：请关闭该程序，kycam 会继续尝试。
source-failed = 摄像头出错：{ $error }
source-unusable = 摄像头 { $n } 无法使用：{ $why }。请在设置中选择其他摄像头。
source-stopped = 摄像头已停止（{ $why }）：正在重新连接…
camera-no-picture = 它不输出画面（这是摄像头的元数据设备）
camera-grey-only = 它只输出灰度画面（这是用于人脸登录的红外摄像头）
camera-too-small-or-slow = 它无法以每秒 15 帧输出 640×480 的画面，不足以看清证件
source-damaged = 摄像头传来的画面已损坏：请换一个 USB 接口或数据线。
source-stalled-live = { $seconds } 秒没有收到来自{ $name }的画面：可能卡住或已拔出，正在重新连接…
source-stalled = { $seconds } 秒没有收到来自{ $name }的画面：画面来源卡住了。
source-folder-unreadable = 文件夹中没有一帧能读取
source-frame-skipped = { $error }：已跳过这一帧
replay-cannot-read = { $path }：无法读取：{ $error }
replay-cannot-list = { $path }：无法列出文件夹内容：{ $error }
replay-no-frames = { $path }：文件夹中没有帧（JPEG、PNG 或 TIFF 文件）
source-hint-video-group = 把自己加入 `video` 用户组（sudo usermod -aG video $USER），然后注销并重新登录。
source-hint-no-camera = 请接上摄像头，或试试 `kycam --demo`、帧文件夹（`kycam --source DIR`）或 `kycam check 照片`。
source-hint-list = 用 `kycam cameras` 列出摄像头。

## 窗口：没有摄像头

no-camera-heading = 没有摄像头画面
no-camera-to-use = 要使用摄像头
no-camera-fix-not-allowed = kycam 没有权限使用摄像头。如果电脑询问过是否允许 kycam 使用摄像头，请在系统的隐私设置中允许。在 Linux 上，请电脑的管理员把您的账户加入可以使用摄像头的用户组（“video”组），之后注销并重新登录。
no-camera-fix-in-use = 其他程序（视频通话、浏览器标签页）正在使用摄像头：请关闭它后再试。
no-camera-fix-unusable = 这个摄像头没有 kycam 能用的画面（有些笔记本电脑还会列出红外摄像头）：请在设置中选择其他摄像头。
no-camera-plug-in = 请接上摄像头，或关闭正在使用它的程序（视频通话、浏览器标签页）。
no-camera-allow = 如果电脑询问是否允许 kycam 使用摄像头，请选择允许。
no-camera-choose = 有多个摄像头？请在设置中选择要用的那个。
no-camera-try-again = 重新尝试摄像头
no-camera-without = 不用摄像头
no-camera-demo = 试试演示
no-camera-demo-what = 用一个模拟场景展示引导提示和自动拍照
no-camera-check-files = 检查照片文件…
no-camera-check-files-what = 用手机拍的照片：逐项显示是否通过检查
no-camera-open-folder = 打开照片文件夹…
no-camera-folder-title = 把一个照片文件夹当作摄像头播放
no-camera-or-type = 或输入位置：
no-camera-folder-hint = 文件夹的位置
no-camera-open = 打开
no-camera-folder-what = 文件夹中的照片会逐张播放，就像来自摄像头一样。
bullet = • { $text }

## 窗口：检查照片文件

check-files-heading = 检查照片文件
check-files-intro = 用手机或其他相机拍的照片：kycam 会告诉您每项检查是否通过。
check-files-for = 照片用途：
check-files-choose-photos = 选择照片…
check-files-photos-title = 要检查的照片
check-files-choose-folder = 选择文件夹…
check-files-folder-title = 要检查的照片文件夹
check-files-choosing = 请在打开的窗口中选择…
check-files-or-type = 或输入位置：
check-files-path-hint = 照片或文件夹
check-files-check = 检查
check-files-progress = 正在检查第 { $n } 张，共 { $total } 张…
check-files-no-such = { $path }：文件或文件夹不存在
check-files-unreadable-folder = { $path }：无法读取文件夹：{ $error }
check-files-no-images = { $path }：文件夹中没有 JPEG、PNG 或 TIFF 文件
check-files-cannot-start = 无法开始检查：{ $error }
check-files-stopped = 检查意外中止
check-files-summary = 已检查 { $total } 张照片：{ $passed } 张通过全部检查{ $failed ->
    [0] {""}
   *[other] ，{ $failed } 张未通过
}{ $unreadable ->
    [0] {""}
   *[other] ，{ $unreadable } 张无法读取
}。
check-files-all-hold = 所有检查都通过。
check-files-not-met = 未通过：{ $rules }
check-files-every-check = 全部检查项
file-dialog-photos = 照片

## 窗口：设置（续）

settings-heading = 设置
settings-camera = 摄像头
settings-camera-not-connected = { $n }（未连接）
settings-refresh = 刷新
settings-camera-number = 或输入编号：
settings-hfov = 摄像头视场角
settings-hfov-hint = 摄像头水平方向能拍到的角度，笔记本电脑摄像头一般为 55–78°。距离估算依据这个值。
settings-selfie = 自拍
settings-mirror = 镜像显示预览
settings-mirror-hint = 只影响预览：保存的照片不会镜像
settings-diagnostics = 诊断信息
settings-show-diagnostics = 显示诊断信息
settings-diagnostics-hint = 帧编号、检查一帧画面所需的时间，以及跳过的画面数
settings-save-in = 照片保存位置
settings-choose = 选择…
settings-choose-title = 照片保存在哪里
settings-folder-hint = 或输入文件夹
settings-use-folder = 使用这个文件夹
settings-use-default = 使用默认位置
settings-now = 当前：{ $dir }
settings-now-default = 当前：数据目录中的默认文件夹
settings-type-folder = 请输入或选择一个文件夹。
settings-cannot-save-in = 无法把照片保存到 { $dir }：{ $error }

## 窗口：帮助，以及驳回邮件的含义

help-heading = 帮助
help-rejected = 认证被驳回了？请选择邮件中写的原因：
help-in-english = 英文邮件中写作：“{ $wording }”
help-quoted = “{ $wording }”
help-meaning = 含义：{ $meaning }
help-not-checkable = kycam 无法在照片上检查这一项。
help-watch = 请留意 kycam 检查清单中的这几项：
help-what-to-do = 怎么做：{ $advice }
help-before-again = 重新提交之前
help-resubmit-fix = 先解决问题再重新提交：同样的照片会因同样的原因被驳回。
help-resubmit-rate = 每小时提交不要超过 5 次。
help-resubmit-cooldown = 连续失败 3 次后需要等待 24 小时，之后转人工审核（3–7 天）。
help-where = 照片保存在哪里
help-open-folder = 打开文件夹
help-where-default = 每次拍摄都会在数据目录（或设置中选定的文件夹）下新建一个文件夹；开始拍摄后，这里会显示该文件夹。
help-folder-holds = 每个拍摄文件夹中有 JPEG 照片和 session.json，后者记录了每张照片拍摄时每项检查的数值。所有内容都只保存在这台电脑上。
help-folder-missing = { $dir } 还不存在：拍下第一张照片时会创建。
help-opening = 正在打开 { $dir }…
help-no-file-manager = 这里无法打开文件管理器（{ $error }）。照片在 { $dir }：请复制路径后自行打开。
help-file-manager-failed = 文件管理器没有打开（{ $error }）：请自行打开文件夹。
help-file-manager-error = 文件管理器没有打开（{ $error }）。
rejection-blurry = 照片模糊
rejection-blurry-meaning = 照片不清晰。
rejection-blurry-advice = 请把手臂撑稳，或把证件平放在桌上，等画面稳定后让 kycam 自动拍照。
rejection-not-visible = 证件未完整显示
rejection-not-visible-meaning = 证件没有完整拍进画面。
rejection-not-visible-advice = 让证件的四个角都在画面内，周围留一点空隙。
rejection-reflection = 检测到反光
rejection-reflection-meaning = 照片上有反光或眩光。
rejection-reflection-advice = 把证件稍微倾斜、避开台灯或窗户，或者关掉头顶的灯。
rejection-face-mismatch = 人脸不匹配
rejection-face-mismatch-meaning = 自拍与证件上的照片不一致。
rejection-face-mismatch-advice = 这一项无法离线检查：请在均匀充足的光线下拍一张近期的自拍，不要用滤镜，样子尽量与证件照相近（不戴帽子，头发不要遮住脸）。
rejection-expired = 证件已过期
rejection-expired-meaning = 证件已超过有效期。
rejection-expired-advice = 这不是照片的问题：请使用仍在有效期内的证件。
rejection-liveness = 活体检测失败
rejection-liveness-meaning = 未能通过活体检测。
rejection-liveness-advice = 让整张脸保持在画面内，距离 30–50 厘米，光线均匀，并练习这些动作：眨眼、转头约 30°、张嘴。
rejection-dark-background = 背景过暗
rejection-dark-background-meaning = 照片背景太暗。
rejection-dark-background-advice = 请面向窗户或灯光，不要背对光源坐着。

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

advice-pending = 正在检查画面…
advice-no-document = 未找到证件：请把证件举到镜头前，或平放在纯色的深色桌面上，并让它占满画面的大部分。
advice-show-photo-side = 请拍摄印有您照片的那一面。
advice-turn-over = 这是证件正面：请把证件翻过来。
advice-side-pending = 正在确认展示的是哪一面：请保持证件不动。
advice-corners-cut = { $side ->
    [top] 证件未完整显示：上方两个角在画面外，请把证件往下移。
    [right] 证件未完整显示：右侧两个角在画面外，请把证件往左移。
    [bottom] 证件未完整显示：下方两个角在画面外，请把证件往上移。
   *[left] 证件未完整显示：左侧两个角在画面外，请把证件往右移。
}
advice-finger-corner = 手指挡住了{ $document ->
    [passport] 护照
   *[card] 证件
}的{ $corner ->
    [top-left] 左上角
    [top-right] 右上角
    [bottom-right] 右下角
   *[bottom-left] 左下角
}：请捏住{ $document ->
    [passport] 护照
   *[card] 证件
}的边缘。
advice-finger-side = 手指挡住了{ $document ->
    [passport] 护照
   *[card] 证件
}的{ $side ->
    [top] 上边
    [right] 右边
    [bottom] 下边
   *[left] 左边
}：请捏住{ $document ->
    [passport] 护照
   *[card] 证件
}的边缘。
advice-turn-straight = 请把证件稍微{ $way ->
    [anticlockwise] 逆时针
   *[clockwise] 顺时针
}转一点，让证件的边与画面的边平行。
advice-turn-card-quarter = 请把证件转 90 度，让长边横向放置，再把它移近镜头。
advice-camera-low-resolution = 相机画面的分辨率太低，看不清证件上的文字：请选择更高的分辨率，或把证件移近一些。
advice-document-closer = 请把证件移近一些：证件应占满画面的大部分。
advice-document-further = 请把证件稍微移远一点：证件的边已经碰到画面边缘。
advice-hold-flat = 请让证件正对镜头，不要倾斜。
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
row-under-finger = 被手指挡住
row-outside = 超出画面
row-margin = 边距 { $value }
row-cut-off = 被截断
row-need-whole-head = 完整头部
row-too-few-pixels = 像素太少
row-fills = 占比 { $value }
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
