"""The methods part of the demo: seven creative and nature-based methods in Verso's own
words (Finnish, with Swedish and English versions), used by the summer-oasis pop-up, the
nature-photo exhibition and a training of the network. Idempotent."""

import datetime

from django.db import transaction
from django.utils import timezone

from verso.meetings import services as meeting_services
from verso.meetings.choices import Kind as MeetingKind
from verso.meetings.choices import Mode
from verso.meetings.models import Meeting
from verso.methods import services
from verso.methods.models import Kind, Method, MethodUse
from verso.networks.choices import Competence
from verso.networks.choices import TargetGroup as T
from verso.networks.demo import DEMO_NETWORK
from verso.networks.models import Network

TRAINING_TITLE = "Luontokuvauksen ohjaajakoulutus"

METHODS = [
    {
        "name": "Luontokuvakävely",
        "description": "Kävellään pienessä ryhmässä lähiluonnossa ja kuvataan puhelimella "
        "kolme asiaa: jotain rauhoittavaa, jotain yllättävää ja jotain, jonka haluaisi "
        "näyttää toiselle. Lopuksi katsotaan kuvat yhdessä ja kerrotaan, miksi ne valittiin. "
        "Kuvat voivat päätyä verkoston luontokuvanäyttelyyn.",
        "translations": {
            "sv": {
                "name": "Naturfotopromenad",
                "description": "En liten grupp promenerar i närnaturen och fotograferar tre "
                "saker med telefonen: något lugnande, något överraskande och något man vill "
                "visa någon annan. Till sist tittar man på bilderna tillsammans.",
            },
            "en": {
                "name": "Nature photo walk",
                "description": "A small group walks in nearby nature and photographs three "
                "things with a phone: something calming, something surprising and something "
                "they would like to show someone. At the end the pictures are looked at "
                "together.",
            },
        },
        "kind": Kind.PHOTOGRAPHY,
        "competence": Competence.CREATIVE_NATURE,
        "competence_notes": "Luontokuvauksen perusteet ja ryhmän ohjaaminen ulkona.",
        "materials": "Omat puhelimet tai lainakamerat, sääsuojat.",
        "safety": "Reitti kulkee tasaisella polulla; säänmukainen vaatetus, juomavesi.",
        "target_groups": [T.REHABILITEES, T.YOUNG_PEOPLE, T.OLDER_PEOPLE, T.IMMIGRANTS],
        "duration_minutes": 90,
        "evidence_links": ["https://www.innokyla.fi/"],
    },
    {
        "name": "Kesämatto yhdessä",
        "description": "Jokainen tuo kangaskaistaleen, joka kertoo jotain hänen kesästään. "
        "Kaistaleet kudotaan tai solmitaan yhteiseksi matoksi, jonka valmistumista seurataan "
        "koko kesän. Matto on esillä kirjastossa.",
        "translations": {
            "sv": {
                "name": "Sommarmattan tillsammans",
                "description": "Var och en tar med en tygremsa som berättar något om hens "
                "sommar. Remsorna knyts till en gemensam matta som visas på biblioteket.",
            },
            "en": {
                "name": "The summer rug, together",
                "description": "Everyone brings a strip of fabric that tells something of "
                "their summer. The strips are knotted into one rug, shown at the library.",
            },
        },
        "kind": Kind.CRAFTS,
        "competence": Competence.CREATIVE_NATURE,
        "materials": "Kangaskaistaleet, loimilanka, kehys tai puomi.",
        "safety": "Sakset ohjaajan valvonnassa.",
        "target_groups": [T.OLDER_PEOPLE, T.CHILDREN, T.RESIDENTS, T.CLOSE_ONES],
        "duration_minutes": 120,
    },
    {
        "name": "Koristekivien maalaus",
        "description": "Maalataan rantakiviä kuvilla ja sanoilla, jotka halutaan jättää "
        "toisten löydettäviksi. Kivet viedään yhteisen puutarhan reunaan.",
        "translations": {
            "sv": {
                "name": "Att måla dekorstenar",
                "description": "Man målar strandstenar med bilder och ord som andra får hitta. "
                "Stenarna placeras vid kanten av den gemensamma trädgården.",
            },
            "en": {
                "name": "Painting decorative stones",
                "description": "Beach stones are painted with pictures and words for others "
                "to find, then placed along the edge of the shared garden.",
            },
        },
        "kind": Kind.VISUAL_ART,
        "materials": "Sileät kivet, akryylimaalit, siveltimet, lakka.",
        "safety": "Lakataan ulkona; maalit myrkyttömiä.",
        "target_groups": [T.CHILDREN, T.DAYCARE, T.DISABLED_PEOPLE, T.RESIDENTS],
        "duration_minutes": 60,
    },
    {
        "name": "Yhteinen puutarhapalsta",
        "description": "Ryhmä hoitaa kasvatuslaatikoita koko kauden: kylvö, kastelu, kitkentä "
        "ja sato. Vastuuvuorot sovitaan yhdessä, ja sato jaetaan tai käytetään yhteiseen "
        "ateriaan. Green Care -työtä, jossa tavoitteena on arjen rytmi ja osallisuus.",
        "translations": {
            "sv": {
                "name": "Gemensam odlingslott",
                "description": "Gruppen sköter odlingslådor hela säsongen. Ansvarsturer "
                "avtalas tillsammans och skörden delas. Green Care med vardagsrytm och "
                "delaktighet som mål.",
            },
            "en": {
                "name": "A shared garden plot",
                "description": "The group looks after planting boxes all season; turns are "
                "agreed together and the harvest shared. Green Care aiming at a daily rhythm "
                "and participation.",
            },
        },
        "kind": Kind.GREEN_CARE,
        "competence": Competence.SOCIAL_HEALTH,
        "competence_notes": "Green Care -ohjaajan perusteet; tavoitteellinen ryhmätyö.",
        "materials": "Kasvatuslaatikot, multa, siemenet, kastelukannut, käsineet.",
        "safety": "Käsineet ja käsienpesu; jäykkäkouristusrokotus ajan tasalla.",
        "target_groups": [T.REHABILITEES, T.UNEMPLOYED, T.SOCIAL_REHABILITATION],
        "duration_minutes": 120,
    },
    {
        "name": "Tarinapiiri nuotiolla",
        "description": "Istutaan nuotion ääressä ja kerrotaan vuorotellen lyhyt tarina "
        "annetusta aiheesta (ensimmäinen kesätyö, paras eväs). Kukaan ei ole pakotettu "
        "puhumaan; kuunteleminen riittää.",
        "translations": {
            "sv": {
                "name": "Berättarring vid lägerelden",
                "description": "Vid lägerelden berättar man i tur och ordning en kort "
                "historia om ett givet tema. Ingen måste tala; att lyssna räcker.",
            },
            "en": {
                "name": "Story circle by the campfire",
                "description": "By the campfire, people take turns telling a short story on "
                "a given theme. No one has to speak; listening is enough.",
            },
        },
        "kind": Kind.WRITING,
        "competence": Competence.GUIDANCE,
        "materials": "Nuotiopaikka, istuinalustat, teemakortit.",
        "safety": "Tulentekovastaava, sammutusvälineet, metsäpalovaroitus tarkistettu.",
        "target_groups": [T.IMMIGRANTS, T.OLDER_PEOPLE, T.YOUNG_PEOPLE],
        "duration_minutes": 60,
    },
    {
        "name": "Lauluhetki lähiluonnossa",
        "description": "Tutut laulut lauletaan ulkona, ja väliin kuunnellaan hetki luonnon "
        "ääniä. Sopii myös muistisairaille läheisineen.",
        "translations": {
            "sv": {
                "name": "Sångstund i närnaturen",
                "description": "Bekanta sånger sjungs utomhus, med pauser för att lyssna på "
                "naturens ljud. Passar även personer med minnessjukdom och deras närstående.",
            },
        },
        "kind": Kind.MUSIC,
        "competence": Competence.CREATIVE_NATURE,
        "materials": "Laulunsanat isolla fontilla, kitara tai kantele.",
        "safety": "Esteetön kulku ja istumapaikat.",
        "target_groups": [T.OLDER_PEOPLE, T.ELDERLY_CARE, T.CLOSE_ONES],
        "duration_minutes": 45,
    },
    {
        "name": "Liikkeen kartta",
        "description": "Kuljetaan reitti, jonka rastit on tehnyt toinen ryhmä: jokaisella "
        "rastilla on liike, kuva tai ääni. Lopuksi tehdään oma rasti seuraavalle ryhmälle.",
        "translations": {
            "en": {
                "name": "A map of movement",
                "description": "Walk a route whose checkpoints another group made: a movement, "
                "a picture or a sound at each. At the end, make a checkpoint for the next "
                "group.",
            },
        },
        "kind": Kind.MOVEMENT,
        "competence": Competence.GUIDANCE,
        "materials": "Rastikortit, teippi, kartta.",
        "safety": "Reitti tarkistetaan etukäteen; ensiapulaukku mukana.",
        "target_groups": [T.YOUNG_PEOPLE, T.EDUCATION, T.CHILDREN],
        "duration_minutes": 75,
    },
]

USES = {
    "Kesäkeitaan pop-up kirjaston pihalla": ["Kesämatto yhdessä", "Koristekivien maalaus"],
    "Meidän luontomme – luontokuvanäyttely": ["Luontokuvakävely"],
}


@transaction.atomic
def seed() -> None:
    from verso.events.models import Activity

    for data in METHODS:
        if not Method.objects.filter(name_key=services.name_key(data["name"])).exists():
            services.method_create(actor=None, data={"language": "fi", **data})
    methods = {m.name: m for m in Method.objects.all()}
    network = Network.objects.filter(name=DEMO_NETWORK).first()
    if network is None:
        return
    for title, names in USES.items():
        activity = Activity.objects.filter(network=network, title=title).first()
        if activity is not None and not MethodUse.objects.filter(activity=activity).exists():
            services.uses_set(
                actor=None,
                network=network,
                methods=[methods[n] for n in names],
                activity=activity,
            )
    training = Meeting.objects.filter(network=network, title=TRAINING_TITLE).first()
    if training is None:
        start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
        start += datetime.timedelta(days=14)
        training = meeting_services.meeting_create(
            actor=None,
            network=network,
            title=TRAINING_TITLE,
            kind=MeetingKind.TRAINING,
            mode=Mode.IN_PERSON,
            place="Kuusamon kaupunginkirjasto, monitoimitila",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=4),
            agenda="Luontokuvakävelyn ohjaaminen: reitti, turvallisuus, kuvien purku.",
            method="Luontokuvakävely",
            competence=Competence.CREATIVE_NATURE,
        )
    if not MethodUse.objects.filter(meeting=training).exists():
        services.uses_set(
            actor=None,
            network=network,
            methods=[methods["Luontokuvakävely"], methods["Tarinapiiri nuotiolla"]],
            meeting=training,
        )
