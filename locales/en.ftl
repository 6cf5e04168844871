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

advice-no-document = No document found: lay it flat on a plain, dark surface and fill most of the picture with it.
advice-show-photo-side = Show the side with your photo on it.
advice-turn-over = This is the front: turn the card over.
# $side: the side whose corners are cut off (top, right, bottom, left).
advice-corners-cut = { $side ->
    [top] Move the document down: its top corners are outside the picture.
    [right] Move the document left: its right corners are outside the picture.
    [bottom] Move the document up: its bottom corners are outside the picture.
   *[left] Move the document right: its left corners are outside the picture.
}
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
# $what: what the quality is measured on (face, document, picture).
advice-blurry = The picture is blurry: hold still and let the camera focus on { $what ->
    [face] your face
    [document] the document
   *[picture] the picture
}.
advice-reflection = There is a reflection on { $what ->
    [face] your face
    [document] the document
   *[picture] the picture
}: tilt it slightly or move away from the lamp.
advice-too-dark = It is too dark: turn on a light or face a window so { $what ->
    [face] your face
    [document] the document
   *[picture] the picture
} is well lit.
advice-too-bright = It is too bright: move { $what ->
    [face] your face
    [document] the document
   *[picture] the picture
} out of direct light.
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
