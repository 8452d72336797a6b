"""The eight essential skills of the Skills Builder Universal Framework, in one data module.

A pupil rates themself on each skill in steps 0 to 15. The names of the skills and the idea of
sixteen steps come from the framework (skillsbuilder.org); what each step says is our own
wording, written as "I can..." sentences that a 12-year-old with SEND can read. Steps 0–5 are
the basics, 6–10 intermediate, 11–15 advanced, and each step asks a little more than the one
before it.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST_STEP, LAST_STEP = 0, 15
STEPS = range(FIRST_STEP, LAST_STEP + 1)


@dataclass(frozen=True)
class Band:
    code: str
    name: str
    first: int
    last: int

    @property
    def steps(self) -> range:
        return range(self.first, self.last + 1)

    @property
    def label(self) -> str:
        return f"{self.name}: steps {self.first} to {self.last}"


BANDS = (
    Band("basic", "Starting out", 0, 5),
    Band("intermediate", "Getting stronger", 6, 10),
    Band("advanced", "Going further", 11, 15),
)


@dataclass(frozen=True)
class Skill:
    code: str
    name: str
    meaning: str
    steps: tuple[str, ...]  # what step 0, 1, … 15 means, in the pupil's words


_SKILLS = (
    Skill(
        "listening",
        "Listening",
        "Taking in what other people say, and showing that you understand it.",
        (
            "I can look towards the person who is talking to me.",
            "I can stay quiet while someone else is talking.",
            "I can follow one simple instruction that I hear.",
            "I can show I am listening, for example by nodding.",
            "I can remember two or three things someone told me.",
            "I can say back in my own words what someone just told me.",
            "I can ask a question to check that I have understood.",
            "I can pick out the main point when someone talks for a few minutes.",
            "I can listen to a group talking and remember who said what.",
            "I can tell how someone feels from their voice and their face.",
            "I can write short notes on the important things someone says.",
            "I can listen to an idea I disagree with and still understand it.",
            "I can work out what someone means even when they do not say it straight out.",
            "I can ask questions that help someone explain their ideas better.",
            "I can listen to several people and sum up where they agree and where they differ.",
            "I can change my plans because of what I have heard, and explain why.",
        ),
    ),
    Skill(
        "speaking",
        "Speaking",
        "Saying what you mean clearly, so that other people understand you.",
        (
            "I can tell someone I know what I need.",
            "I can answer a simple question with a few words.",
            "I can talk to a small group of people I know.",
            "I can speak loudly and clearly enough for people to hear me.",
            "I can tell someone what happened, in the right order.",
            "I can take turns to speak in a group.",
            "I can explain something so that the other person understands it.",
            "I can talk in a different way to a friend and to a teacher.",
            "I can give a short talk to my class.",
            "I can use facts or examples to back up what I say.",
            "I can plan a talk with a beginning, a middle and an end.",
            "I can keep going when I speak, even when I feel nervous.",
            "I can answer questions about my talk without losing my place.",
            "I can change what I say when I see that people are not following.",
            "I can speak well to people I do not know, like a visitor or an employer.",
            "I can persuade people by choosing my words, my tone and my examples with care.",
        ),
    ),
    Skill(
        "problem_solving",
        "Problem Solving",
        "Working out what is wrong and finding a good way to fix it.",
        (
            "I can tell someone when something is not working.",
            "I can ask for help when I am stuck.",
            "I can find help myself, for example in a book or from a friend.",
            "I can say what the problem is in my own words.",
            "I can think of one way to fix a simple problem.",
            "I can think of more than one way to fix a problem.",
            "I can choose the best way to fix a problem and say why.",
            "I can break a big problem into smaller parts.",
            "I can find out more about a problem before I try to fix it.",
            "I can try a fix, check if it worked, and try something else if it did not.",
            "I can work out what caused a problem, not just what it looks like.",
            "I can weigh up the good and bad points of different ways to fix a problem.",
            "I can make a step-by-step plan to solve a hard problem.",
            "I can use what I learned from an old problem to solve a new one.",
            "I can solve problems that have no clear right answer.",
            "I can help a team solve a tricky problem together.",
        ),
    ),
    Skill(
        "creativity",
        "Creativity",
        "Coming up with new ideas and making them happen.",
        (
            "I can use my imagination when I play or make things.",
            "I can make something new from things I am given.",
            "I can share an idea with someone.",
            "I can think of a new idea when someone asks me for one.",
            "I can add my own idea to someone else's idea.",
            "I can come up with ideas for how to do a task.",
            "I can think of lots of ideas before I choose one.",
            "I can use my ideas in all my subjects, not just in art.",
            "I can look at something in a new way to get an idea.",
            "I can make my idea better after someone gives me feedback.",
            "I can use tools like mind maps to help me think of ideas.",
            "I can mix ideas from different places to make something new.",
            "I can try out a new idea, even if it might not work.",
            "I can turn an idea into a plan that works in real life.",
            "I can help other people come up with ideas and grow them.",
            "I can use new ideas to solve real problems at work or where I live.",
        ),
    ),
    Skill(
        "staying_positive",
        "Staying Positive",
        "Keeping going and staying hopeful when things are hard.",
        (
            "I can tell someone how I feel.",
            "I can keep trying a hard task for a short time.",
            "I can calm down with help when I am upset.",
            "I can say one good thing about my day.",
            "I can try again after something goes wrong.",
            "I can use a way to calm myself, like breathing slowly.",
            "I can see what went well, even when some things went wrong.",
            "I can keep going with a task that takes a long time.",
            "I can cheer other people on when things are hard for them.",
            "I can learn from a mistake and say what I will do next time.",
            "I can stay calm when plans change at the last minute.",
            "I can find something good that could come out of a problem.",
            "I can keep myself going towards a goal that is months away.",
            "I can help a group stay hopeful when things go badly.",
            "I can think about what worries me and make a plan to handle it.",
            "I can stay positive and help others through a long, hard time.",
        ),
    ),
    Skill(
        "aiming_high",
        "Aiming High",
        "Setting yourself goals and working hard to reach them.",
        (
            "I can say what I like doing.",
            "I can try something new when someone helps me.",
            "I can say one thing I want to get better at.",
            "I can set myself a small goal for today.",
            "I can check whether I reached my goal.",
            "I can work hard for a few days to reach a goal.",
            "I can set a goal that is hard but possible.",
            "I can write down the steps to reach my goal.",
            "I can ask for feedback to help me get better.",
            "I can set goals for the next few months.",
            "I can look at how I am doing and change my plan if I need to.",
            "I can find people or places that can help me reach my goal.",
            "I can plan for a goal that is a year or more away.",
            "I can choose goals that help my future, like the job I want.",
            "I can keep pushing myself after I reach a goal.",
            "I can help other people set big goals and plan how to reach them.",
        ),
    ),
    Skill(
        "leadership",
        "Leadership",
        "Helping and guiding other people so that everyone does their best.",
        (
            "I can do a small job when someone asks me.",
            "I can help someone when they ask me to.",
            "I can share my things and my ideas with others.",
            "I can say how I feel about something my group is doing.",
            "I can take charge of a small job, like giving out the books.",
            "I can make a choice for my group when it is my turn.",
            "I can explain a task clearly to other people.",
            "I can notice how the people in my group are feeling.",
            "I can help my group decide what to do.",
            "I can give people jobs that fit what they are good at.",
            "I can help sort out a disagreement in my group.",
            "I can encourage people who are finding things hard.",
            "I can give feedback that helps people get better.",
            "I can lead a group towards a goal and check how it is going.",
            "I can change the way I lead to suit different people.",
            "I can help other people become good leaders too.",
        ),
    ),
    Skill(
        "teamwork",
        "Teamwork",
        "Working well with other people to get something done.",
        (
            "I can be kind to the people I work with.",
            "I can work next to other people on a task.",
            "I can share and take turns in a group.",
            "I can do the part of the job my group gives me.",
            "I can say sorry and try again if I upset someone.",
            "I can help my group finish a task on time.",
            "I can listen to other people's ideas in my group.",
            "I can share my ideas with the group in a friendly way.",
            "I can agree on a plan with my group.",
            "I can notice when someone in my group needs help, and help them.",
            "I can explain what the group needs from each person.",
            "I can help the group agree when people want different things.",
            "I can take on a different role when the team needs me to.",
            "I can work well with people who are very different from me.",
            "I can check how the team is working and suggest how to do better.",
            "I can help build a team where everyone feels they belong.",
        ),
    ),
)

SKILLS: dict[str, Skill] = {skill.code: skill for skill in _SKILLS}


def descriptor(skill: str, step: int) -> str:
    """What ``step`` of ``skill`` means, as an "I can..." sentence (KeyError/IndexError if
    either is unknown)."""
    if step not in STEPS:
        raise IndexError(f"step {step} is outside {FIRST_STEP}–{LAST_STEP}")
    return SKILLS[skill].steps[step]


def band_of(step: int) -> Band:
    for band in BANDS:
        if step in band.steps:
            return band
    raise IndexError(f"step {step} is outside {FIRST_STEP}–{LAST_STEP}")


def band_name(step: int) -> str:
    """ "Starting out", "Getting stronger" or "Going further"."""
    return band_of(step).name


def skill_name(code: str) -> str:
    found = SKILLS.get(code)
    return found.name if found else code
