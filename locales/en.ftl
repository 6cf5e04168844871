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

## The window: shooting a photo

shoot-waiting = Waiting for the first picture…
shoot-take-now = Take photo now
shoot-take-now-hint = Space. If a check fails you are asked first, and the photo is marked as taken by hand.
shoot-keys = or press Space · Esc goes back
shoot-mirror = Mirror the preview
shoot-mirror-hint = Only the preview: the saved photo is never mirrored
shoot-diagnostics = frame { $seq } · { $ms } ms · { $dropped } dropped
shoot-other-options = No camera? Other options…
shoot-pictures-ended = The pictures have ended.
shoot-starting-camera = Starting the camera…
shoot-opening-pictures = Opening the pictures…
shoot-starting-demo = Starting the demo…
# The progress in the top bar. $caption: shot-progress.
shot-progress-step = Step { $caption }
shot-progress = { $n } of { $total }: { $title }
shot-progress-finished = { $document }: all { $total } photos taken
guidance-all-good-hold = All good: hold still…
guidance-all-good = All good.
guidance-saving = Saving the photo…
hold-paused = Auto-capture paused
hold-waiting = Auto-capture: waiting until every check holds
hold-taking = Taking the photo…
# $held and $needed are seconds with one decimal.
hold-progress = Hold still: { $held } of { $needed } s
checklist-check = check
checklist-now = now
checklist-needed = needed
# Words drawn over the preview.
overlay-face-here = face here, { $cm } away
overlay-finger = finger
overlay-glare = glare
overlay-sunglasses = sunglasses
overlay-eyewear-glare = glare on glasses
overlay-sharpness = sharpness

## The window: reviewing a photo

review-missing = { $file } is no longer on disk: retake this photo.
review-cannot-show = Cannot show { $file }: { $error }
review-photo-taken = { $title }: photo taken
review-not-mirrored = Shown as saved: not mirrored like the preview.
review-all-held = Every check held on this photo.
review-some-failed = Some checks failed on this photo.
review-by-hand = Taken by hand (marked as such in session.json).
review-automatic = Taken automatically.
review-under-min-size = The file is under 100 KB even at the best quality: the exchange may refuse it.
# $size: the file's size with its unit.
review-file = { $name } · { $size } · JPEG quality { $quality }
review-not-on-disk = { $name } is not on disk.
review-question-selfie = Is your whole face sharp, evenly lit and without glare?
review-question-document = Is everything readable, sharp and without glare?
review-use = Use this photo
review-retake = Retake

## The window: the selfie against the ID photo

# $document: face-match-on-passport, -on-licence or -on-id-card.
face-match-on-passport = your passport
face-match-on-licence = your driving licence
face-match-on-id-card = your ID card
face-match-same = Your selfie matches the photo on { $document }.
face-match-may-differ = Your selfie may not match the photo on { $document }.
face-match-unexplained = Nothing in the two photos explains it: an old ID photo, a new beard, or glasses on one photo only can do this.
face-match-likely-causes = Likely causes:
face-match-retake-or-keep = Retake the selfie to try again, or keep it: the exchange decides.
face-match-no-portrait = No face was found on the photo of { $document }, so the selfie could not be compared with it.
face-match-no-face-in-selfie = No face was found in this selfie, so it could not be compared with the ID photo.
face-match-unreadable = The photos could not be read back, so the selfie was not compared with the ID photo.
face-match-failed = The selfie could not be compared with the ID photo.
face-match-still-usable = You can still use this selfie.
face-match-comparing = Comparing your selfie with the ID photo…
face-match-not-recorded = The comparison could not be written to session.json: { $error }
cause-glasses-reflection = Light reflects in your glasses: tilt them a little, or take them off.
cause-tinted-glasses = Your eyes are hidden by dark lenses: take the glasses off.
cause-head-turned = Your head is turned compared with the ID photo: look straight into the camera.
cause-expression = Your expression differs from the ID photo: close your mouth and keep a neutral face.
cause-uneven-light = One side of your face is in shadow: face the window or lamp so the light is even.
cause-poor-light = Your face is too dark or too bright: find even, softer light.
cause-small-portrait = The photo on your ID is small in the picture: take the ID again, closer to the camera.

## The window: the end of a session

done-cannot-read = Cannot read the session: { $error }
done-all-pass = All { $total } photos pass every check
done-some-pass = { $passing } of { $total } photos pass every check
# $size: the file's size with its unit; $manual: yes or no.
done-photo = { $title }: { $file } ({ $size }{ $manual ->
    [yes] , taken by hand
   *[no] {""}
})
done-no-photo = { $title }: no photo
done-retake = Retake
done-take-it = Take it
done-fails = Fails: { $rules }
done-folder = Folder: { $dir }
done-open-folder = Open folder
done-copy-path = Copy path
done-copied = Copied: { $dir }
done-upload = Upload these files to the exchange. session.json beside them records why each photo was accepted.
done-may-reject = The exchange may reject a photo marked in red: take it again, or upload it knowing that.
done-practice-offer = Optional: rehearse the movements the exchange's liveness check will ask for (blink, turn your head, open your mouth or smile). Nothing is saved.
done-practise = Practise the liveness check
done-new-session = Start a new session
# Joins a list of rule names.
list-separator = {", "}

## The window: the liveness practice

practice-note = This is practice for the exchange's liveness check, which will ask for these movements. Nothing is recorded or saved here, and this is not the check itself.
practice-no-face-advice = Your face was not found: face the camera in good light, then try again.
practice-needs-session = The practice needs the session's camera: start a new session.
practice-heading = Practise the liveness check
practice-back = Back to the photos
practice-skip-all = Skip the practice
practice-or-esc = or press Esc
practice-starting = Starting the camera…
practice-finished = Practice finished.
practice-waiting = Waiting for the camera…
practice-done = done: { $words }
practice-done-plain = done
practice-skipped = skipped
practice-no-face-yet = No face in the picture yet: look at the camera.
practice-not-in-time = Not seen in time.
practice-try-again = Try again
practice-skip-step = Skip this step
practice-seconds-left = { $seconds } s left
practice-summary = { $done } of { $total } movements done. Nothing was saved.
# A step's instruction; the sentence over the preview adds a full stop.
step-blink = Blink twice
step-turn-left = Turn your head about 30° to your left
step-turn-right = Turn your head about 30° to your right
step-mouth-or-smile = Open your mouth or smile
step-sentence = { $instruction }.
step-blink-advice = Blink slowly: close your eyes fully for a moment, then open them. Do it twice.
step-turn-left-advice = Turn your head further to your left, slowly, and keep your face in the picture.
step-turn-right-advice = Turn your head further to your right, slowly, and keep your face in the picture.
step-mouth-or-smile-advice = Open your mouth wide for a moment, or smile broadly.
step-done-blinks = { $n } blinks
step-done-turned = turned { $deg }°
step-done-mouth-open = mouth open
step-done-smile = smile
step-gauge-blinks = blinks: { $n } of { $of }
step-gauge-turned = turned { $deg }°, { $percent } % of the way
step-gauge-mouth = mouth open { $percent } % of the way

## The window: questions

question-shutter = Take the photo anyway?
question-delete = Delete this photo and take it again?
question-leave = Leave this session?
question-save-anyway = Save anyway
question-cancel = Cancel
question-delete-retake = Delete and retake
question-keep = Keep it
question-leave-session = Leave this session
question-stay = Stay
question-failing = These checks fail on this picture:
question-may-reject = The exchange may reject it. The photo is marked as taken by hand.
question-deleted-from = { $title }: { $file } is deleted from { $folder }.
question-photos-stay = { $n ->
    [one] The 1 photo accepted so far stays in { $folder }. A new session gets a folder of its own.
   *[other] The { $n } photos accepted so far stay in { $folder }. A new session gets a folder of its own.
}
question-keys = Enter answers the highlighted button · Esc: no

## The window: what the session says

session-not-removed = Could not remove the earlier photo: { $error }
session-no-folder = Cannot create the folder for the photos: { $error }
session-cannot-start = The computer would not start the checking ({ $error }). Close some programs and try again.
session-shutter-overtaken = A photo passing every check was taken just before the shutter: it is shown instead, and nothing else was saved.
session-photo-arrived = A photo arrived: nothing was deleted.
session-new-camera-later = The new camera is used from the next session.
session-camera-sending = The camera is sending { $width }×{ $height } at { $fps } fps ({ $format }).
session-camera-from-start = Camera { $n }, chosen when kycam was started, is used until it is closed.
session-hfov-from-start = The field of view chosen when kycam was started ({ $deg }) is used until it is closed.
save-busy = The photo ({ $shot }) was not saved: still saving the previous ones.
save-failed = The photo ({ $shot }) was not saved, and nothing of it was kept: { $error }
capture-no-data-folder = cannot find the user's data folder (no home directory?): use --out DIR
capture-create-folder = { $path }: cannot create the session folder: { $error }
capture-write = { $path }: cannot write: { $error }
capture-remove = { $path }: cannot remove: { $error }
capture-in-use = { $path } is in use by another kycam session: wait for it to finish, or choose another folder
capture-has-session = { $path } already holds a session (session.json): choose an empty folder
capture-encode = cannot encode the photo as JPEG: { $error }
capture-too-large = the photo does not fit: even at JPEG quality 1 it is { $bytes } bytes, over the { $limit } left (10 MB a file, 30 MB a session)
capture-session-json = cannot write session.json: { $error }
# The system's words for an error, in plain words (the window leaves out the error codes).
system-not-found = it does not exist
system-permission-denied = kycam is not allowed to open it
system-disk-full = the disk is full
system-read-only = the disk cannot be written to
system-is-a-folder = it is a folder
system-not-a-folder = a part of the path is not a folder

## The window: the picture source's trouble

source-not-allowed = kycam is not allowed to open the camera.
source-no-camera = No camera found.
source-in-use = The camera is in use by another program (a video call, a browser tab): close it; kycam keeps trying.
source-failed = The camera failed: { $error }
source-unusable = Camera { $n } cannot be used: { $why }. Choose another camera in Settings.
source-stopped = The camera stopped ({ $why }): reconnecting…
camera-no-picture = it sends no pictures (a metadata device of a camera)
camera-grey-only = it sends grey pictures only (an infrared camera for face login)
camera-too-small-or-slow = it cannot send 640×480 at 15 frames a second, too little to read a card
source-damaged = The camera sends damaged pictures: try another USB port or cable.
source-stalled-live = No picture from { $name } for { $seconds } s: it may be stalled or unplugged; reconnecting…
source-stalled = No picture from { $name } for { $seconds } s: the source is stalled.
source-folder-unreadable = no frame of the folder could be read
source-frame-skipped = { $error }: frame skipped
replay-cannot-read = { $path }: cannot read: { $error }
replay-cannot-list = { $path }: cannot list the folder: { $error }
replay-no-frames = { $path }: the folder has no frames (JPEG, PNG or TIFF files)
# For the command line only: what to type.
source-hint-video-group = Add yourself to the `video` group (sudo usermod -aG video $USER), then log out and back in.
source-hint-no-camera = Connect a webcam, or try `kycam --demo`, a folder of frames (`kycam --source DIR`), or `kycam check PHOTO`.
source-hint-list = `kycam cameras` lists them.

## The window: no camera

no-camera-heading = No camera picture
no-camera-to-use = To use your camera
no-camera-fix-not-allowed = kycam is not allowed to use the camera. If your computer asked whether kycam may use the camera, allow it in the system's privacy settings. On Linux, whoever looks after this computer can give your account the right to use cameras (the “video” group); log out and in again after that.
no-camera-fix-in-use = Another program (a video call, a browser tab) is using the camera: close it and try again.
no-camera-fix-unusable = This camera gives no picture kycam can use (some laptops list an infrared camera too): choose another one in Settings.
no-camera-plug-in = Plug in a webcam, or close the program that is using it (a video call, a browser tab).
no-camera-allow = If your computer asks whether kycam may use the camera, allow it.
no-camera-choose = More than one camera? Choose the one to use in Settings.
no-camera-try-again = Try the camera again
no-camera-without = Without a camera
no-camera-demo = Try the demo
no-camera-demo-what = a made-up scene shows the guidance and the photo being taken by itself
no-camera-check-files = Check photo files…
no-camera-check-files-what = photos taken with a phone: each check, passed or not
no-camera-open-folder = Open a folder of photos…
no-camera-folder-title = A folder of photos to play as a camera
no-camera-or-type = or type where it is:
no-camera-folder-hint = the folder’s location
no-camera-open = Open
no-camera-folder-what = The photos in the folder are played one after another, as if from a camera.
bullet = • { $text }

## The window: checking files

check-files-heading = Check photo files
check-files-intro = Photos taken with a phone or another camera: kycam says whether each check holds.
check-files-for = The photos are for:
check-files-choose-photos = Choose photos…
check-files-photos-title = Photos to check
check-files-choose-folder = Choose a folder…
check-files-folder-title = A folder of photos to check
check-files-choosing = Choose in the window that opened…
check-files-or-type = or type where they are:
check-files-path-hint = a photo or a folder
check-files-check = Check
check-files-progress = Checking { $n } of { $total }…
check-files-no-such = { $path }: no such file or folder
check-files-unreadable-folder = { $path }: cannot read the folder: { $error }
check-files-no-images = { $path }: no JPEG, PNG or TIFF files in this folder
check-files-cannot-start = cannot start the check: { $error }
check-files-stopped = the check stopped unexpectedly
# The summary; each count selects its own words.
check-files-summary = { $total ->
    [one] 1 photo checked
   *[other] { $total } photos checked
}: { $passed ->
    [one] 1 passes every check
   *[other] { $passed } pass every check
}{ $failed ->
    [0] {""}
    [one] , 1 does not
   *[other] , { $failed } do not
}{ $unreadable ->
    [0] {""}
   *[other] , { $unreadable } could not be read
}.
check-files-all-hold = Every check holds.
check-files-not-met = Not met: { $rules }
check-files-every-check = Every check
file-dialog-photos = Photos

## The window: settings (more)

settings-heading = Settings
settings-camera = Camera
settings-camera-not-connected = { $n } (not connected)
settings-refresh = Refresh
settings-camera-number = or its number:
settings-hfov = Camera field of view
settings-hfov-hint = The horizontal angle the camera sees; laptop webcams are 55–78°. It decides the distance estimate.
settings-selfie = Selfie
settings-mirror = Mirror the preview
settings-mirror-hint = Only the preview: the saved photo is never mirrored
settings-diagnostics = Diagnostics
settings-show-diagnostics = Show diagnostics
settings-diagnostics-hint = The frame number, how long a picture takes to check, and pictures skipped
settings-save-in = Save photos in
settings-choose = Choose…
settings-choose-title = Where to save the photos
settings-folder-hint = or type a folder
settings-use-folder = Use this folder
settings-use-default = Use the default
settings-now = Now: { $dir }
settings-now-default = Now: the default folder in your data directory
settings-type-folder = Type a folder, or choose one.
settings-cannot-save-in = Cannot save photos in { $dir }: { $error }

## The window: help and what a rejection e-mail means

help-heading = Help
help-rejected = Your verification was rejected? Pick what the e-mail says:
# The e-mail's words in English, for a person who reads the window in another language.
help-in-english = In an English e-mail: “{ $wording }”
help-quoted = “{ $wording }”
help-meaning = Meaning: { $meaning }
help-not-checkable = kycam cannot check this on the photo.
help-watch = Watch these checks in kycam's list:
help-what-to-do = What to do: { $advice }
help-before-again = Before you submit again
help-resubmit-fix = Fix the cause before you submit again: the same photo fails the same way.
help-resubmit-rate = Submit fewer than 5 times an hour.
help-resubmit-cooldown = After 3 failures in a row there is a 24-hour cool-down, then manual support (3–7 days).
help-where = Where the photos are
help-open-folder = Open folder
help-where-default = In a new folder for each session under your data directory (or the folder chosen in Settings); the folder is shown here once a session starts.
help-folder-holds = Each session folder holds the JPEG photos and session.json, which records every check's value when each photo was taken. Nothing leaves this computer.
help-folder-missing = { $dir } does not exist yet: it is created with the first photo.
help-opening = Opening { $dir }…
help-no-file-manager = No file manager could be opened here ({ $error }). The photos are in { $dir }: copy the path and open it yourself.
help-file-manager-failed = The file manager did not open ({ $error }): open the folder yourself.
help-file-manager-error = The file manager did not open ({ $error }).
rejection-blurry = Photo too blurry
rejection-blurry-meaning = The photo is blurry.
rejection-blurry-advice = Rest your arms or lay the document on the desk, and let kycam take the photo when it is steady.
rejection-not-visible = Document not fully visible
rejection-not-visible-meaning = The ID is not fully shown.
rejection-not-visible-advice = Keep all four corners inside the picture with a little space around them.
rejection-reflection = Reflection detected
rejection-reflection-meaning = There is glare or a reflection on the photo.
rejection-reflection-advice = Tilt the card slightly away from the lamp or window, or turn off the overhead light.
rejection-face-mismatch = Face not match
rejection-face-mismatch-meaning = The selfie does not match the photo on the ID.
rejection-face-mismatch-advice = This cannot be checked offline: take a recent selfie without filters, in good even light, looking like your ID photo (no hat, hair off the face).
rejection-expired = Document expired
rejection-expired-meaning = The ID has expired.
rejection-expired-advice = Not a photo problem: use a document that is still valid.
rejection-liveness = Liveness check failed
rejection-liveness-meaning = The liveness detection failed.
rejection-liveness-advice = Keep your whole face in the picture at 30–50 cm in even light, and practise the moves: blink, turn your head about 30°, open your mouth.
rejection-dark-background = Background too dark
rejection-dark-background-meaning = The background is too dark.
rejection-dark-background-advice = Face a window or a lamp; do not sit with the light behind you.

## Rule names, for the checklist and the help page (rule ids stay as they are)

rule-document_found = Document found
rule-back_side = Back side shown
rule-new_picture = Not a photo already taken
rule-upright = Right way up
rule-face_found = Face found
rule-single_face = Only one person
rule-corners_visible = All four corners visible
rule-face_in_frame = Whole head in the picture
rule-document_size = Document large enough
rule-distance = Distance to the camera
rule-straight = Straight
rule-facing_camera = Flat to the camera
rule-portrait_present = Photo side shown
rule-sunglasses = No sunglasses
rule-head_pose = Facing the camera
rule-eyes_open = Eyes open
rule-expression = Natural expression
rule-steady = Steady
rule-sharpness = Sharp
rule-glare = No glare
rule-eyewear_glare = No glare on glasses
rule-exposure = Bright enough
rule-backlight = Not against the light
rule-even_lighting = Even light
rule-color = Natural colour
rule-file_format = JPEG or PNG
rule-file_size = 100 KB – 10 MB

## Advice: one sentence saying what to fix

# Before the first face search has answered: nothing is said of a face or a document yet.
advice-pending = Checking the picture…
advice-no-document = No document found: hold it up to the camera, or lay it on a plain, dark surface, so that it fills most of the picture.
advice-show-photo-side = Show the side with your photo on it.
advice-turn-over = This is the front: turn the card over.
advice-side-pending = Checking which side is shown: hold the document still.
# $side: the side whose corners are cut off (top, right, bottom, left).
advice-corners-cut = { $side ->
    [top] Move the document down: its top corners are outside the picture.
    [right] Move the document left: its right corners are outside the picture.
    [bottom] Move the document up: its bottom corners are outside the picture.
   *[left] Move the document right: its left corners are outside the picture.
}
# $corner: which corner, as the document is read; $document: passport or card.
advice-finger-corner = Your finger covers the { $corner ->
    [top-left] top-left
    [top-right] top-right
    [bottom-right] bottom-right
   *[bottom-left] bottom-left
} corner: hold the { $document ->
    [passport] passport
   *[card] card
} by its edges.
# $side: which edge, as the document is read; $document: passport or card.
advice-finger-side = Your finger covers the { $side ->
    [top] top
    [right] right
    [bottom] bottom
   *[left] left
} edge: hold the { $document ->
    [passport] passport
   *[card] card
} by its edges.
# $way: anticlockwise or clockwise.
advice-turn-straight = Turn the document a little { $way ->
    [anticlockwise] anticlockwise
   *[clockwise] clockwise
} so its edges run parallel to the picture's.
advice-turn-card-quarter = Turn the card a quarter turn so that its long side runs across the picture, then bring it closer.
advice-camera-low-resolution = The camera's picture is too small to read the text: choose a higher resolution or bring the document closer.
advice-document-closer = Bring the document closer: it should fill most of the picture.
advice-document-further = Move the document a little further away: its edges touch the picture's.
advice-hold-flat = Hold the document flat, facing the camera straight on, not tilted.
advice-no-face = No face found: look straight into the camera.
advice-no-face-whole = No face found: look straight into the camera with your whole face in the picture.
advice-only-you = Only you may be in the picture: ask others to step out of view.
advice-head-too-big = Your head does not fit in the picture: move back a little.
# $way: where to move (down, up, right, left).
advice-head-cut = Your head is cut off: move { $way ->
    [down] down
    [up] up
    [right] to the right
   *[left] to the left
} so your whole head and chin are in the picture.
advice-too-close = Move back a little: you are about { $cm } cm away, { $min }–{ $max } cm is right.
advice-too-far = Come closer: you are about { $cm } cm away, { $min }–{ $max } cm is right.
advice-sunglasses = Take off your sunglasses: your eyes must be visible.
advice-eyewear-glare = Light reflects in your glasses: tilt them down slightly or move the lamp to the side.
advice-backlight = The light is behind you: turn so the window or lamp is in front of you.
advice-lower-chin = Look straight at the camera: lower your chin a little.
advice-raise-chin = Look straight at the camera: raise your chin a little.
advice-turn-face = Look straight at the camera: turn your face towards it.
advice-open-eyes = Open your eyes.
advice-relax-face = Relax your face: close your mouth, a light smile is fine.
advice-hold-still = Hold still for a moment.
advice-no-colour = The picture has no colour: turn off black-and-white or filter modes.
advice-colour-cast = The colours are tinted: use white daylight or a white lamp, no coloured light.
# $what: what the quality is measured on: face, document, or picture (the whole
# picture, when neither a face nor a document was found: it names neither).
advice-blurry = { $what ->
    [face] The picture is blurry: hold still and let the camera focus on your face.
    [document] The picture is blurry: hold still and let the camera focus on the document.
   *[picture] The picture is blurry: hold still and let the camera focus.
}
advice-reflection = { $what ->
    [face] There is a reflection on your face: tilt it slightly or move away from the lamp.
    [document] There is a reflection on the document: tilt it slightly or move away from the lamp.
   *[picture] There is a reflection in the picture: move away from the lamp or turn the camera a little.
}
advice-too-dark = It is too dark: turn on a light or face a window so { $what ->
    [face] your face
    [document] the document
   *[picture] the picture
} is well lit.
advice-too-bright = { $what ->
    [face] It is too bright: move your face out of direct light.
    [document] It is too bright: move the document out of direct light.
   *[picture] It is too bright: keep out of direct, strong light.
}
advice-shadow = Part of { $what ->
    [face] your face
    [document] the document
   *[picture] the picture
} is in shadow: face the light so it falls evenly.
# $taken: the title of the shot the picture was saved for.
advice-already-taken = This is the picture already taken for “{ $taken }”: show what this step asks for.
advice-file-too-small = The file is under 100 KB: take the photo at a higher resolution or quality.
advice-file-too-large = The file is over 10 MB: save it with a lower JPEG quality or resolution.
advice-camera-too-plain = This camera's pictures are too small or plain to make a 100 KB photo: use a camera with a higher resolution, or more light on the scene.
# $format: the file's format (TIFF, …).
advice-file-format = The file is { $format }: save it as JPEG before uploading.

## Advice: which way up the document lies (the upright rule)

# $document: card or passport.
advice-upside-down = { $document ->
    [passport] Turn the passport the right way up: it is upside down.
   *[card] Turn the card the right way up: it is upside down.
}
# $document: card or passport; $way: the way to turn it back (clockwise, anticlockwise).
advice-on-its-side = { $way ->
    [clockwise] Turn the { $document ->
        [passport] passport
       *[card] card
    } a quarter turn clockwise: it lies on its side.
   *[anticlockwise] Turn the { $document ->
        [passport] passport
       *[card] card
    } a quarter turn anticlockwise: it lies on its side.
}
# $document: card or passport. Its print does not tell which way is up.
advice-on-its-side-either-way = { $document ->
    [passport] Turn the passport a quarter turn so that its text runs across the picture, the right way up.
   *[card] Turn the card a quarter turn so that its text runs across the picture, the right way up.
}

## Values with their units ($value is already formatted; $n selects the plural)

unit-percent = { $value } %
unit-degree = { $value }°
unit-times = { $value } ×
unit-cm = { $value } cm
unit-px = { $value } px
unit-kb = { $value } KB
unit-mb = { $value } MB
unit-bits = { $n ->
    [one] { $value } bit
   *[other] { $value } bits
}
unit-faces = { $n ->
    [one] { $value } face
   *[other] { $value } faces
}
# A range: $max carries the unit.
limit-range = { $min }–{ $max }
limit-at-least = at least { $value }
limit-up-to = up to { $value }
limit-or-more = { $value } or more

## The checklist's rows: what the picture shows now, and what is needed

row-found = found
row-not-found = not found
row-need-document = a document
row-no-face = no face
row-need-face = your face
row-people = { $n ->
    [0] nobody
    [one] 1 person
   *[other] { $n } people
}
row-need-only-you = only you
row-under-finger = under a finger
row-outside = outside
row-margin = { $value } margin
row-cut-off = cut off
row-need-whole-head = whole head
row-too-few-pixels = too few pixels
row-fills = fills { $value }
row-tilted = tilted { $value }
row-flat = flat
row-leaning = leaning
row-photo-seen = photo seen
row-no-photo = no photo
row-need-photo = your photo
row-the-back = the back
row-the-front = the front
row-new = new
row-already-taken = already taken
row-need-new-photo = a new photo
row-eyes-visible = eyes visible
row-eyes-hidden = eyes hidden
row-still = still
row-moving = moving
row-sharp = sharp
row-blurry = blurry
row-reflection = reflection
row-slight = slight
row-none = none
row-need-no-reflection = no reflection
row-light-in-front = in front
row-light-behind = behind you
row-need-light-in-front = light in front
row-even = even
row-shadowed = shadowed
row-need-even-light = even light
row-natural = natural
row-not-natural = not natural
row-need-natural-colour = natural colour
row-yes = yes
row-no = no
row-need-jpeg-or-png = JPEG or PNG
row-need-file-size = { $min } – { $max }
row-upright = upright
row-upside-down = upside down
row-on-its-side = on its side

## kycam check

check-pass = PASS
check-fail = FAIL
# The first line of a file's table: file name, shot id, size, verdict.
check-heading = { $file }  ({ $shot }, { $width }×{ $height })  { $verdict }

## kycam match

match-portrait-of = { $file } (the document's portrait)
# $same: yes or no.
match-sentence = { $a } and { $b }: { $same ->
    [yes] the same person
   *[no] different people, or the photos differ too much (glasses, angle, light, expression, age)
} (distance { $distance }; the same person below { $threshold })
match-no-face = { $path }: no face found; use a photo where the face is clear, frontal and lit
match-several-faces = { $path }: { $count } faces found; kycam compares photos of one person (or of one document)

## kycam replay

replay-advice = frame { $seq }: { $advice }
replay-all-pass = frame { $seq }: every rule passes
replay-taken = frame { $seq }: photo taken → { $path }
replay-summary = { $frames } frames, { $analysed } analysed, { $dropped } dropped, { $captures } captured; { $fps } frames/s; latency p50 { $p50 } ms, p95 { $p95 } ms
# $memory: replay-peak-memory, or nothing where the memory cannot be read.
replay-analysis = Analysis p50 { $p50 } ms, p95 { $p95 } ms per frame; { $faces } face updates/s{ $memory }
replay-peak-memory = ; peak memory { $mb } MB
replay-queue = The frame queue held at most { $max } frame(s) (bound { $bound }).
replay-saved-in = Photos and session.json in { $dir }
replay-not-saved = the photo was not saved within a minute

## kycam cameras

cameras-none = No camera found.

## Errors of the command line (the file named first)

# $kind: not-found, permission-denied or other; English gives the system's words.
load-io = { $path }: cannot read the file: { $kind ->
   *[other] { $reason }
}
load-folder = { $path }: is a folder, not an image file
# $kind: fifo, device, socket or other.
load-not-a-file = { $path }: is { $kind ->
    [fifo] a named pipe (FIFO)
    [device] a device
    [socket] a socket
   *[other] a special file
}, not an image file
load-empty = { $path }: the file is empty
load-too-large = { $path }: the file is { $bytes } bytes, too large to be a photo (limit { $limit })
load-pdf = { $path }: is a PDF; kycam checks photos only. Export the page as a JPEG and check that
load-unsupported = { $path }: not an image kycam can read (use JPEG or PNG)
load-too-many-pixels = { $path }: the image claims { $width }×{ $height } pixels, more than the { $max } kycam decodes
load-truncated = { $path }: the image data is truncated (the file ends before the picture does)
load-corrupt = { $path }: the image is damaged and cannot be decoded: { $message }
load-unsupported-variant = { $path }: this kind of image cannot be decoded ({ $message }); save it as JPEG or PNG
cli-report-unwritable = { $file }: cannot write the report: { $reason }
cli-match-unwritable = cannot write the report: { $reason }
cli-no-display = no display? Run it in a desktop session, or use `kycam check FILE` to check photos and `kycam replay` to run the pipeline without a window.
cli-not-a-number = { $value } is not a number
cli-fps-range = { $value } fps is out of range: 0 (as fast as possible) or { $min }–{ $max } frames per second
cli-hfov-range = { $value }° is not a camera's field of view (10–170°)
cli-unknown-lang = { $value } is not a language kycam speaks: en, zh-CN

## --help

help-about = Offline KYC photo assistant: guides ID and selfie photos until every rule holds
help-lang = The language of everything kycam says: en or zh-CN (default: from LC_ALL, LC_MESSAGES or LANG, else English)
help-camera = Open camera N (as listed by `kycam cameras`) instead of the one in Settings
help-source = Play an image or a folder of frames (in name order, looped) instead of a camera
help-demo = Play a generated scene (a card, then a face): no camera needed
help-out = Save the photos in DIR instead of a new folder in your data directory
help-gui-hfov = The camera's horizontal field of view in degrees (for the distance estimate)
help-check = Check photo files against a shot's rules and the exchange's file rules
help-check-long =
    Check photo files against a shot's rules and the exchange's file rules.

    Exit code: 0 every file passes, 1 a rule fails, 2 a file could not be read.
help-check-shot = The shot the photos are for: passport, id-front, id-back, dl-front, dl-back, selfie
help-check-json = Print one JSON object per file, one per line
help-check-hfov = The camera's horizontal field of view in degrees (else EXIF, else 65°)
help-check-files = The photo files (JPEG or PNG; TIFF is read too, but fails `file_format`)
help-replay = Run the live pipeline headless over recorded frames: guidance and auto-capture as the camera window would do them
help-replay-long =
    Run the live pipeline headless over recorded frames: guidance and auto-capture as the camera window would do them.

    Exit code: 0 the replay ran, 2 it could not start, a frame could not be read (it is skipped and named) or a photo could not be saved.
help-replay-shot = The shot the frames are for: passport, id-front, id-back, dl-front, dl-back, selfie
help-replay-fps = Frames per second to play at (1–1000); 0 = as fast as the analysis takes them, dropping none
help-replay-repeat = Play a single image this many times
help-replay-out = The folder for the photos and session.json (default: a new session folder under the user's data directory)
help-replay-json = One JSON line per frame, then a summary line
help-replay-path = A folder of frames (played in name order) or one image
help-match = Tell whether two photos show the same person: a selfie against the portrait on an ID card or passport page, or two selfies
help-match-long =
    Tell whether two photos show the same person: a selfie against the portrait on an ID card or passport page, or two selfies.

    Each photo must hold one face, or a document whose portrait is then used. Exit code: 0 the same person, 1 different people, 2 a photo could not be read or does not hold exactly one face.
help-match-json = Print one JSON object: a, b, same_person, distance, threshold
help-match-a = The first photo
help-match-b = The second photo
help-cameras = List the cameras
