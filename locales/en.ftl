# kycam's words in English. Every message here must exist in zh-CN.ftl too, with the
# same arguments (tests/i18n.rs). Rule ids, JSON keys and file names are never here.

## Shots and documents

shot-passport = Passport photo page
shot-id-front = ID card, front
shot-id-back = ID card, back
shot-dl-front = Driving licence, front
shot-dl-back = Driving licence, back
shot-selfie = Selfie
# One step of a session: its number and the shot's title.
shot-step = { $n }. { $title }

document-passport = Passport
document-id-card = ID card
document-driving-licence = Driving licence

## The first page

choose-heading = Which document will you show?
choose-intro = kycam guides each photo and takes it by itself when every check holds.
choose-source = Pictures from: { $source }
choose-private = Nothing leaves this computer.

## The bar across the top, and where pictures come from

top-back = Back
top-help = Help
top-settings = Settings
top-check-files = Check files
source-camera = camera { $n }
source-folder = folder { $name }
source-picture = picture { $name }
source-demo = demo scene

## Settings

settings-language = Language
settings-language-system = Same as the system ({ $lang })
