"""Common French words without accents, from which generated passphrases are drawn."""

# Checked against Debian's wfrench dictionary: every word is spelt exactly so, without accents.
_TEXT = """
abeille abri abricot absence absolu accent accord accueil achat acier acrobate acrobatie acteur
action adagio adresse adulte affaire affiche agate age agence agenda agile agneau agrume aigle
aiguille aile aimable aimant aimer air ajonc ajouter albatros album algue alibi aliment aller
allonge allumer allure alors alpaga alpage alpin alto aluminium amande amateur ambre amende
amener ami amical amiral amour ampleur ampoule amusant amuser ananas anchois ancien ancre ange
angle angora animal animer anis anneau annonce anorak antenne antilope antique aorte apache
aplomb appareil appel appeler apporter apprendre approche appui aquarelle aquarium arbitre arbre
arbuste arc arcade arche archet ardoise argent argile argot argument aria armada armoire armure
aromate arpent arracher arriver arrosoir arsenal art artichaut article artiste asperge
aspirateur assez assiette astre atelier atlas atoll atome atout attacher attendre attente
attraper aube auberge aucun audace audio aurore aussi autant autel auteur auto autocar automne
autour autruche avalanche avaler avance avant avare avenir aventure avenue averse aveugle avion
aviron avis avocat avoine avouer avril axe azimut azur babouin badge badminton bagage bague
baguette bahut baie baignoire bain baisse baisser balade balai balance balancer balayer balcon
baleine balise ballade balle ballon balsa bambin bambou banane banc bande banjo banque banquet
banquise baobab barbe barbecue barbu baril baron barque barrage barre barreau barrique baryton
bas basalte basilic basket bassin basson bastion bataille bateau batik battre baudet baume
bavard bavarder bazar beau bec benjamin berceau bercer bergamote berger berline bermuda besoin
beurre biberon biceps biche bidon bidule bien bigoudi bijou bikini billard bille binocle
biologie biscotte biscuit bison bistouri bistrot bivouac bizarre blague blanc blanchir blason
blesser bleu blizzard bloc blond blottir blouse bluet bobine bobsleigh bocage bocal boeuf boire
bois boisson boite boiter bol bolide bonbon bondir bonheur bonjour bonnet bonsoir bord bordeaux
bordure borne bosquet bosse botte bouche boucher boucle bouclier boudin boudoir bougeoir bouger
bougie bouillon boulanger boule bouleau boulon bouquet bourdon bourgeon bourrasque bourse
boussole bout bouteille boutique bouton bouvreuil bowling boxe bracelet braise branche brancher
bras brasser brave brebis briller brioche brique brise briser brocante brochet broder broderie
bronze brosse brosser brouette brouillard brugnon bruit brume brun buffet buffle buisson
bulldozer bulle bureau burin buste but buvard cabane cabaret cabas cabine cabri cacao cachalot
cacher cacolet cactus cadeau cadenas cadet cadran cadre cafard cage cagoule cahier cahot caille
caillou caisse calamar calcaire calcul calculer calebasse calendrier calepin calme calmer
calumet camarade camembert camion camomille campagne camper camping canal canard canari candide
canif canne canon cantine canyon capable capitaine capitale capsule capuche capucine caracal
carafe caramel carat caravane cardigan cargaison cargo caribou carillon carlingue carnaval
carnet carotte carpe carre carreau carrosse carrousel cartable carte carton cartouche casaque
cascade casier casino casque casser casserole cassis castor catalogue catamaran cause cavalier
cave caverne ceinture cela cellier cellule celui cendre centaure central centre cercle cerf
cerfeuil cerise certain cerveau chablis chacal chacun chagrin chaise chalet chaleur chaloupe
chambre chameau chamois champ champion chance chandelle changer chanson chant chanter chanteur
chanvre chapeau chapelle chapiteau chapitre charade charbon charger chariot charmant charme
charpente charrue chasse chasser chat chaton chaud chaussette chausson chemin chemise chenal
chenil chenille cheptel cher chercher chercheur cheval chevalier chevet cheveu chevre chevreuil
chien chiffon chiffre chignon chimie chinchilla chocolat choisir choix chorale chorus chose chou
chouette ciboulette cidre ciel cigale cigogne ciment cinq circuit cirque ciseau citadelle citer
cithare citron citrouille civil clafoutis clair clairon clarinette classe classer clavier clef
clepsydre client climat cloche clocher clore clou clown club cobaye coccinelle cochon cocon
cocotte code coeur coffrage coffre coffret coiffeur coin colibri colis coller collier colline
colombe colonel colonne colorier colza combien comique commande commerce commun compagnon compas
complet composer compte compter comptine comptoir comte concert concombre concours condor
conduire confiture confort congre conjuguer connu conseil contact conte content continuer contre
copain copie coq coquelet coquelicot coquille corail corbeau corbeille corde cordon cormoran
cornemuse cornet cornichon corps correct corsage corsaire costaud costume cote coton cou couche
coucher coude coudre couler couleur couloir coup coupe cour courage courant courbe coureur
courir couronne courrier cours course court courtois cousin coussin couteau coutume couvercle
couvrir coyote crabe craie crane crapaud craquer cravache cravate crayon cresson creuser creux
crevette cricket crier crinoline crique criquet cristal critique croc crochet crocodile crocus
croissant croix croquer cruche cube cueillir cuir cuire cuisine cuivre culotte culture cumin
curcuma curieux cycle cyclone cyclope cygne dactylo dahlia dalmatien dame damier danger danse
danser danseur date datte dauphin davantage debout dehors delta demain demander dent dentelle
depuis dernier descendre dessert dessin dessous dessus destin deux devant devenir deviner devise
devoir diamant dicter digue dimanche dindon dingo dinosaure dire dirigeable diriger discours
disque distance divan dix docile docteur doigt domaine domino dompter donjon donner dormir dos
dossier double doublon douceur douche doute douze dragon drap drapeau dresser droit droite
dromadaire dune duo duvet dynamo eau edelweiss effacer effort ego emploi enclos enclume encore
encre endroit enfant enfin engin enjeu enlever ensemble ensuite entendre entier entrer envie
envoyer ermite escabeau escalade escalier escargot escorte espace espadon espadrille espoir
esprit essai essence essuyer est estomac estuaire eucalyptus exact examen exemple exercice
exiger exotique expert exprimer fable fabrique face facile facteur fagot faible faim faire
faisan fakir falaise falot famille fanfare fanion farandole farce farine fatigue faucon fauteuil
fauve faveur fendre fennec fenouil fer ferme fermer fermier festin festival feu feuille feutre
feutrine fiable ficelle fiche fier figue figure fil filer filet fille film fils filtre fin finir
fixer fjord flacon flamand flamant flambeau flamenco flamme flan flanc flatter fleur fleuret
fleuve flocon flotter fluide foin foire folie foncer fond fonder fontaine forain force foret
forme former fort fortune fosse fou foudre fouet fouiller foulard four fourchette fourgon fourmi
fourneau fourrure foyer frais fraise framboise franc frapper fresque friand frigo frileux
frisson frite froid fromage froment front frotter fruit fuchsia fuir fusain futur gabarit gagner
galant galerie galet galette galion galop galopin gamin gamme gant garage garantie garde gardien
gardon gare garnir gauche gauchir gaufre gavotte gazelle gazette gazon gel geler genou gentil
gerbe geste geyser gibier gilet gingembre girafe girouette givre glace gland glisser globe
glycine gnou gobelet golf golfe gomme gondole gonfler gong gorge gorille goulot gourde gourmand
goutte gouvernail goyave gracieux graine grand grange granit grappe gratin gratter grave gravier
grelot grenadine grenier grenouille griffe griffon grille grillon grimper grincer grizzli
grogner gros grossir grotte groupe guetter guichet guide guidon guimauve guirlande guitare guppy
habile habiller habit habiter hache hacher haddock haie hall halte hamac hamburger hameau
hamster hanche hangar hareng harfang haricot harmonica harmonie harpe hasard hausse haut
hautbois hauteur hectare hennir herbe hermine heure heureux hibiscus hibou hippocampe hisser
histoire hiver hockey homard homme honneur horizon horloge houblon houx hublot huile humain
humide humour hurler hutte hymne ici igloo ignorer iguane illusion image imiter immeuble impala
impasse important indice indien indigo infini injuste inonder insecte instant intrus inventer
invite inviter iris isard isoler ivoire jacinthe jadis jaguar jaillir jambe jambon japper jardin
jardinet jardinier jasmin jasper jaune javel javelot jersey jet jeton jeu jeudi jockey joie
joindre joli jonc jongler jonquille joue jouer jouet jour journal joyeux judo juge jujube jumeau
jument jungle jupe jus juste kangourou kayak kermesse ketchup kilo kimono kiosque kiwi koala
laborieux labourer labrador lac lacer lacet lagon lagune laine laisser laitue lama lambeau lame
lampadaire lampe lampion lance lancer langouste langue lanterne lanterneau lapin large largeur
larme lasagne laser lasso latte lavande laver lavoir lecteur lecture lentille lequel lettre
lever levier levure liane libellule libre lichen licorne lien lierre lieu ligne lilas limace
limande lime limite limonade limonaire lin linge linotte lion liquide lire lisser lit litre
livre livrer local loge logis loi loin loisir long lorgner loriot lotion lotus loup loupe loyal
lucarne lueur luge lundi lune lunette lupin luth lutin lutter luxe lynx macaron machine madame
madrier magasin magicien magie magnifique magnolia maigre maillet maillon maillot main maire
maison majeur maki malin malle maman mammouth manche mandarine mandoline manger mangue manier
manoir manquer mante manteau maquette marais marbre marchand marche marcher mardi marelle marge
margot marguerite mari marier marin marjolaine marmelade marmite marmotte marque marquer marron
marsupial marteau mascotte masque massif matador match matelas matelot matin matinal mauvais
mauve maximum mazurka meilleur melon membre mener menhir mental menthe menton menu mer merci
mercredi mercure meringue merlan merle merveille message mesure mettre meuble miauler micro midi
miel miette mignon milan milieu mille millet mimosa minaret mince mine minuit minute mirage
miroir miser mission mistral mobile mocassin mode moderne moelleux moineau moins moitie moka
molaire mollusque moment monde monnaie monocle montagne monter montre montrer moquette morceau
mordre morille morse mortier mot moteur motif moto mouche mouchoir moudre mouette mouflon
mouiller moule moulin mousse moustache moutarde mouton mouvement moyen muet muguet mulot mur
muraille mure murmure muscade muscle musicien musique mustang myrtille nacelle nage nager nappe
narine narval natal nature navet navire nectar neige neuf neveu nez niche nid niveau noble noeud
noir noisette noix nom nomade nombre nord normal note nouer nougat nourrir nouveau noyau nuage
nuancer nuit nylon oasis objet obliger obtenir ocarina octobre odeur oeil oeillet oeuf office
offre offrir oie oignon oindre oiseau okapi olive olivier ombre ombrelle omelette once oncle
onde ongle onyx onze opale opinion orage orageux orange orchestre ordinaire ordre oreille
oreiller organe orge orgue origan origine orner orque orteil ortie ortolan otarie oublier ouest
ouistiti ouragan ours ourson outil outre ouvert ouvrage ouvrier ovale pagaie page pagode paille
pain paire paisible palais palette palier palme palmier palourde panda pangolin panier panique
panneau panorama pansement pantalon papa papaye papier papillon papoter paquet parade paradis
parapluie paravent parc parchemin parcourir pardon pareil parfum parler parmi parole part partie
partir partition parvenir passage passer passion passoire pastel pastille patin patio patron
patte paume pause pavillon pavot payer paysage peigne peindre peinture pelle pelote pelouse
pencher pendant pendentif pendule penne penser pente percer perche perdre perdrix pergola perle
permis perroquet persil personne pervenche peser petit peuple phalange phare phoque photo phrase
pianiste piano piccolo pichet picorer pied pierre pieuvre pigeon piger pile pilier pilote
pilotis piment pin pinceau pingouin pinson pioche pion pipette pique piquet pirate pirogue
pistache piste pistil piston pivert placard place placer plafond plage plaine plaisir plan
planche plante planter plaque plat platane plateau plectre plein plier plomb plongeon plonger
pluie plume plumier plus poche pochette poids poignet poing point poire poireau pois poisson
poivre poivron poli polir polka pollen pommade pomme pommier pompe ponctuel poney pont populaire
porcelaine porcelet port portail porte porter portique portrait poser possible poste pot potage
potager poteau potence potiron pouce poudre poulain poule poulet poulpe poussin pouvoir prairie
praline prendre presque presse prince princesse printemps prisme priver prix prochain produit
profil profond projet promenade promener propre protester proverbe prudent prune pruneau public
puits pull puma punaise punir pupitre puzzle pyjama python quai quarante quartier quartz
quatorze quatre quelque question quetzal queue quiche quille quinoa quinze quitter quotient
racine raconter radar radeau radio radis rafale raide raifort raisin raisonner ramasser rameau
ramer rampe rang ranger rapace rapide rappeler raquette rare raser rasoir rassurer rat rater
raton rauque ravin rayer rayon rebec rebond recette recevoir record reculer redingote redire
refaire refrain refuge regard regarder regretter reine relais relever remercier remise remorque
remplir remuer renard rendre renfort renne rentrer renverser repas repos requiem requin respirer
rester retard retenir retour revenir revue rhubarbe rhume ricaner ricochet rideau rigolo rincer
rire risque rival riz robe rober robinet robot robuste roche rocher rocket rodeo roi roman
romarin rond ronde rondin rondo ronfler roquet roquette rose roseau rosier rossignol rotonde
roue rouge rougir rouleau roulis roulotte route royal ruban rubis ruche rue rugby rugir ruisseau
ruse rustique rythme sable sabler sablier sabot sac sachet safari safran saga sage saisir saison
salade salamandre salami salir salle salon salsifis saluer samba samedi sandale sanglier sanglot
sans santon sapeur sapin sarbacane sardane sardine sarment satellite satin sauce saule saumon
saut sauter sauterelle sauver savane savant savoir savon saxophone scaphandre scie scooter
sculpter seau sec second secouer secret seigle seigneur seize sel semaine semer sens sentier
sentir serein serin serpent serre serrer service serviette servir seuil seul sextant sifflet
signal signe signer silence silex silo simple singe singulier sirocco sirop sitar site six skate
ski slalom sobre socle soeur soie soif soir solaire soldat solde soleil solide sombre sommeil
sommet son sonate sonner sonnette sorbet sorcier sorte sortir souci souffle souhait soulier
soupape soupe soupir source sourd sourire souris sous souvenir spatial spatule sphinx splendide
sport squale stade statue steppe sternum style stylet stylo subir sucre sucrer sud suivre sujet
sumac super supporter sureau surface surfer surprise surtout suspendre sylve symbole table
tableau tablier tache tacher tadorne taille taire talent talon talus tamarin tambour tambourin
tamis tandem tango tanin tanker tante taper tapioca tapir tapis tarentule tarif tarte tartelette
tartine tasse tatami tatou taupe taureau taverne taxi teck teinte tempo temps tendre tenir
tennis tenue terminer ternir terrain terre tester texte thym tiare tigre tigresse tilleul timbre
tirer tiroir tisane tison tissage tissu titre toboggan toile toilette toit tomate tomber tombola
tondre tonneau tonnerre topaze toquer torche tordre tortiller tortue total totem toucan toucher
toujours toupie tour tourbillon tourner tournesol tournoi tousser tout trace tracteur train
trait traiter trajet tram tranche travail traverser treize trembler tremper tremplin trente
triangle tribu tribune tricot trier trinquer triste triton troc trois trombone tromper trompette
tronc trop tropique trotter trottoir trou troupeau trouver truffe truite tuba tuile tulipe tulle
tunnel turban turquoise tuteur tutu tuyau ultime uniforme unique unir univers urgent usage usine
ustensile utile vache vague vaillant vaisseau valet valeur valise valoir valse valser vanille
vanneau vapeur varan vase vaste veau vedette veiller velours vendeur vendre venir vent ventre
verger vernis verre vers verser vertige verveine veste viande victoire vide vider vieux vif
vigie vigne village ville vinaigre violet violette violon virage virgule vis visage visite
visiter vison vitesse vitre vitrine vivant vivre voile voisin voiture voix vol volant volcan
voler volet volontaire vortex voter vouloir voyage voyelle vue wagon wapiti western xylophone
yacht yaourt yoga zeste zigzag zinc zone zoo
"""

WORDS = tuple(_TEXT.split())
