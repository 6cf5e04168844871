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
